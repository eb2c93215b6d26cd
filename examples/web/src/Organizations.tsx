import { type Client, type ClientId, ClientKind } from "@agency-crm/core"
import { useState } from "preact/hooks"
import { may, type Signed } from "./App.js"
import { FormBox, Input, orNull, Select, useForm } from "./fields.js"
import { LogInteraction, NewContact, NewOpportunity, NewOrganization } from "./Forms.js"
import { NewProject } from "./ProjectForms.js"
import { Listing, NotReady, OpportunityCards } from "./parts.js"
import { type EditFormProps, ifMatch, RecordActions, type RecordPageProps, useRecord } from "./record.js"
import { useLoad } from "./load.js"
import { call } from "./session.js"
import { TimelineList } from "./Timeline.js"
import { words } from "./text.js"

/** Organizations, filtered by kind, and a form to record one. */
export const OrganizationsPage = ({ signed, version }: { readonly signed: Signed; readonly version: number }) => {
  const [kind, setKind] = useState("")
  const loaded = useLoad(
    () =>
      call(
        signed.api.clients.list({
          urlParams: kind === "" ? { limit: 200 } : { limit: 200, kind: kind as ClientKind }
        })
      ),
    [kind, version]
  )
  return (
    <>
      <h1>Organizations</h1>
      <div class="columns">
        <section aria-label="All organizations">
          <label for="organization-kind">Kind</label>{" "}
          <select id="organization-kind" value={kind} onChange={(e) => setKind((e.target as HTMLSelectElement).value)}>
            <option value="">any</option>
            {ClientKind.literals.map((k) => (
              <option value={k}>{k}</option>
            ))}
          </select>
          <Listing loaded={loaded} what="organizations" empty="No organizations.">
            {(clients) =>
              clients.map((client) => (
                <li key={client.id}>
                  <a href={`#/organizations/${client.id}`}>{client.name}</a>
                  <span class="status">{client.kind}</span>
                  {client.industry !== null && <span class="kind">{client.industry}</span>}
                </li>
              ))
            }
          </Listing>
        </section>
        {may(signed, "client.manage") && (
          <section aria-labelledby="new-organization">
            <h2 id="new-organization">New organization</h2>
            <NewOrganization signed={signed} onAdded={(id) => (location.hash = `/organizations/${id}`)} />
          </section>
        )}
      </div>
    </>
  )
}

/** Edits an organization's name, kind, industry and website; If-Match makes a concurrent edit a refusal. */
const EditOrganization = ({ client, onSaved, openedOn, signed }: EditFormProps & { readonly client: Client }) => {
  const form = useForm({
    name: client.name,
    kind: client.kind,
    industry: client.industry ?? "",
    website: client.website ?? ""
  })
  const save = form.submit(
    (v) =>
      call(
        signed.api.clients.update({
          path: { id: client.id },
          headers: ifMatch(openedOn),
          payload: {
            name: v.name,
            kind: v.kind as ClientKind,
            industry: orNull(v.industry),
            website: orNull(v.website)
          }
        })
      ),
    onSaved
  )
  return (
    <FormBox form={form} label="Edit the organization" submit="Save" onSubmit={save}>
      <Input form={form} name="name" id="edit-organization-name" label="Name" required />
      <Select
        form={form}
        name="kind"
        id="edit-organization-kind"
        label="Kind"
        options={ClientKind.literals.map((k) => [k, k] as const)}
      />
      <Input form={form} name="industry" id="edit-organization-industry" label="Industry" />
      <Input form={form} name="website" id="edit-organization-website" label="Website" />
    </FormBox>
  )
}

/** One organization: its details (edit, delete), contacts (add), opportunities (open one), projects, a form to log
 * an interaction whose next step becomes a task, and its timeline. */
export const OrganizationPage = (props: RecordPageProps) => {
  const { id, signed } = props
  const { api } = signed
  const { loaded, reload } = useRecord(async () => {
    const clientId = id as ClientId
    const [client, contacts, opportunities, projects, timeline] = await Promise.all([
      call(api.clients.get({ path: { id: clientId } })),
      call(api.contacts.list({ urlParams: { clientId, limit: 200 } })),
      call(api.opportunities.list({ urlParams: { clientId, limit: 100 } })),
      call(api.projects.list({ urlParams: { clientId, limit: 100 } })),
      call(api.clients.timeline({ path: { id: clientId }, urlParams: { limit: 50 } }))
    ])
    return {
      client,
      contacts: contacts.items,
      opportunities: opportunities.items,
      projects: projects.items,
      timeline: timeline.items
    }
  }, props)
  if (loaded.state !== "ready") return <NotReady loaded={loaded} what="the organization" />
  const { client, contacts, opportunities, projects, timeline } = loaded.value
  return (
    <>
      <h1>{client.name}</h1>
      <p class="details">
        <span class="status">{client.kind}</span>
        {client.industry !== null && <> · {client.industry}</>}
        {client.website !== null && <> · {client.website}</>}
      </p>
      <RecordActions
        version={client.version}
        reload={reload}
        name={client.name}
        edit={
          may(signed, "client.manage")
            ? (saved, openedOn) => (
                <EditOrganization signed={signed} client={client} openedOn={openedOn} onSaved={saved} />
              )
            : undefined
        }
        onDelete={
          may(signed, "client.manage")
            ? () =>
                call(api.clients.remove({ path: { id: client.id }, headers: ifMatch(client.version) })).then(
                  () => (location.hash = "/organizations")
                )
            : undefined
        }
      />
      <div class="columns">
        <section aria-labelledby="contacts">
          <h2 id="contacts">Contacts</h2>
          {contacts.length === 0 ? (
            <p class="empty">No contacts.</p>
          ) : (
            <ul class="cards">
              {contacts.map((contact) => (
                <li key={contact.id}>
                  <a href={`#/contacts/${contact.id}`}>{contact.name}</a>
                  {contact.isPrimary && <span class="status">primary</span>}
                  {contact.position !== null && <span class="kind">{contact.position}</span>}
                </li>
              ))}
            </ul>
          )}
          {may(signed, "contact.manage") && <NewContact signed={signed} clientId={client.id} onAdded={reload} />}
        </section>
        <section aria-labelledby="opportunities">
          <h2 id="opportunities">Opportunities</h2>
          <OpportunityCards opportunities={opportunities} empty="None yet." />
          {may(signed, "opportunity.write") && (
            <NewOpportunity signed={signed} clientId={client.id} contacts={contacts} onAdded={reload} />
          )}
        </section>
        <section aria-labelledby="organization-projects">
          <h2 id="organization-projects">Projects</h2>
          {projects.length === 0 ? (
            <p class="empty">None yet.</p>
          ) : (
            <ul class="cards">
              {projects.map((project) => (
                <li key={project.id}>
                  <a href={`#/projects/${project.id}`}>{project.name}</a>
                  <span class={`status ${project.status}`}>{words(project.status)}</span>
                </li>
              ))}
            </ul>
          )}
          {may(signed, "project.manage") && <NewProject signed={signed} clientId={client.id} />}
        </section>
        <LogInteraction signed={signed} clientId={client.id} contacts={contacts} onLogged={reload} />
      </div>
      <TimelineList id="timeline" heading="Timeline" entries={timeline} />
    </>
  )
}
