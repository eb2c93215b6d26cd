import type { Contact, ContactId, Email } from "@agency-crm/core"
import { may } from "./App.js"
import { FormBox, Input, orNull, useForm } from "./fields.js"
import { LogInteraction } from "./Forms.js"
import { NotReady, OpportunityCards } from "./parts.js"
import { type EditFormProps, ifMatch, RecordActions, type RecordPageProps, useRecord } from "./record.js"
import { call } from "./session.js"
import { mergeTimeline, TimelineList } from "./Timeline.js"

/** Edits a contact's name, e-mail, phone and position; If-Match makes a concurrent edit a refusal. */
const EditContact = ({ contact, onSaved, openedOn, signed }: EditFormProps & { readonly contact: Contact }) => {
  const form = useForm({
    name: contact.name,
    email: contact.email ?? "",
    phone: contact.phone ?? "",
    position: contact.position ?? ""
  })
  const save = form.submit(
    (v) =>
      call(
        signed.api.contacts.update({
          path: { id: contact.id },
          headers: ifMatch(openedOn),
          payload: {
            name: v.name,
            email: orNull(v.email) as typeof Email.Type | null,
            phone: orNull(v.phone),
            position: orNull(v.position)
          }
        })
      ),
    onSaved
  )
  return (
    <FormBox form={form} label="Edit the contact" submit="Save" onSubmit={save}>
      <Input form={form} name="name" id="edit-contact-name" label="Name" required />
      <Input form={form} name="email" id="edit-contact-email" label="E-mail" type="email" />
      <Input form={form} name="phone" id="edit-contact-phone" label="Phone" type="tel" />
      <Input form={form} name="position" id="edit-contact-position" label="Position" />
    </FormBox>
  )
}

/** One contact: details (edit, delete), their opportunities, a form to log an interaction with them, and their
 * timeline: the interactions with them and the changes to their record. */
export const ContactPage = (props: RecordPageProps) => {
  const { id, signed } = props
  const { api } = signed
  const { loaded, reload } = useRecord(async () => {
    const contactId = id as ContactId
    const contact = await call(api.contacts.get({ path: { id: contactId } }))
    const [client, interactions, opportunities, history] = await Promise.all([
      call(api.clients.get({ path: { id: contact.clientId } })),
      call(api.interactions.list({ urlParams: { contactId, limit: 50 } })),
      call(api.opportunities.list({ urlParams: { contactId, limit: 50 } })),
      call(api.history.history({ path: { entityType: "contact", entityId: contactId }, urlParams: { limit: 50 } }))
    ])
    const timeline = mergeTimeline(interactions.items, history.items)
    return { contact, client, opportunities: opportunities.items, timeline }
  }, props)
  if (loaded.state !== "ready") return <NotReady loaded={loaded} what="the contact" />
  const { client, contact, opportunities, timeline } = loaded.value
  const managing = may(signed, "contact.manage")
  return (
    <>
      <h1>{contact.name}</h1>
      <p class="details">
        <a href={`#/organizations/${client.id}`}>{client.name}</a>
        {contact.isPrimary && <> · primary contact</>}
        {contact.position !== null && <> · {contact.position}</>}
        {contact.email !== null && (
          <>
            {" "}
            · <a href={`mailto:${contact.email}`}>{contact.email}</a>
          </>
        )}
        {contact.phone !== null && <> · {contact.phone}</>}
      </p>
      <RecordActions
        version={contact.version}
        reload={reload}
        name={contact.name}
        edit={
          managing
            ? (saved, openedOn) => <EditContact signed={signed} contact={contact} openedOn={openedOn} onSaved={saved} />
            : undefined
        }
        onDelete={
          managing
            ? () =>
                call(api.contacts.remove({ path: { id: contact.id }, headers: ifMatch(contact.version) })).then(
                  () => (location.hash = `/organizations/${client.id}`)
                )
            : undefined
        }
      />
      <div class="columns">
        <section aria-labelledby="contact-opportunities">
          <h2 id="contact-opportunities">Opportunities</h2>
          <OpportunityCards opportunities={opportunities} empty="None with this contact." />
        </section>
        <LogInteraction signed={signed} clientId={client.id} contacts={[contact]} onLogged={reload} />
      </div>
      <TimelineList id="timeline" heading="Timeline" entries={timeline} />
    </>
  )
}
