import type { ClientId, InteractionKind } from "@agency-crm/core"
import { DateTime } from "effect"
import { useState } from "preact/hooks"
import type { Signed } from "./App.js"
import { Failed } from "./Failed.js"
import { NewOpportunity } from "./Forms.js"
import { Listing } from "./parts.js"
import { useLoad } from "./load.js"
import { call } from "./session.js"

const KINDS = ["client", "prospect", "supplier", "partner"] as const
const INTERACTION_KINDS: ReadonlyArray<InteractionKind> = ["meeting", "call", "email", "message", "video_call", "note"]
const day = (at: DateTime.Utc) => DateTime.formatIso(at).slice(0, 10)

/** Organizations, filtered by kind. */
export const OrganizationsPage = ({ signed, version }: { readonly signed: Signed; readonly version: number }) => {
  const [kind, setKind] = useState("")
  const loaded = useLoad(
    () =>
      call(
        signed.api.clients.list({
          urlParams: kind === "" ? { limit: 200 } : { limit: 200, kind: kind as (typeof KINDS)[number] }
        })
      ),
    [kind, version]
  )
  return (
    <>
      <h1>Organizations</h1>
      <label for="organization-kind">Kind</label>{" "}
      <select id="organization-kind" value={kind} onChange={(e) => setKind((e.target as HTMLSelectElement).value)}>
        <option value="">any</option>
        {KINDS.map((k) => (
          <option value={k}>{k}</option>
        ))}
      </select>
      <Listing loaded={loaded} loading="Loading organizations…" empty="No organizations.">
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
    </>
  )
}

/** One organization: its contacts, its timeline, and a form to log an interaction with an optional next step that
 * becomes a task. */
export const OrganizationPage = ({
  id,
  signed,
  version
}: {
  readonly signed: Signed
  readonly id: string
  readonly version: number
}) => {
  const { api, me } = signed
  const [logged, setLogged] = useState(0)
  const loaded = useLoad(async () => {
    const clientId = id as ClientId
    const [client, contacts, timeline] = await Promise.all([
      call(api.clients.get({ path: { id: clientId } })),
      call(api.contacts.list({ urlParams: { clientId, limit: 200 } })),
      call(api.clients.timeline({ path: { id: clientId }, urlParams: { limit: 50 } }))
    ])
    return { client, contacts: contacts.items, timeline: timeline.items }
  }, [id, version, logged])
  const [kind, setKind] = useState<InteractionKind>("call")
  const [summary, setSummary] = useState("")
  const [contactId, setContactId] = useState("")
  const [nextStep, setNextStep] = useState("")
  const [dueDate, setDueDate] = useState("")
  const [error, setError] = useState<string | null>(null)
  if (loaded.state === "failed") return <Failed message={loaded.message} />
  if (loaded.state === "loading") return <p aria-busy="true">Loading the organization…</p>
  const { client, contacts, timeline } = loaded.value
  const log = async (event: Event) => {
    event.preventDefault()
    setError(null)
    try {
      await call(
        api.interactions.create({
          payload: {
            clientId: client.id,
            kind,
            summary,
            ...(contactId === "" ? {} : { contactId: contactId as never }),
            ...(nextStep.trim() === ""
              ? {}
              : {
                  nextStep: nextStep.trim(),
                  followUp: {
                    title: nextStep.trim(),
                    assigneeId: me.id,
                    ...(dueDate === "" ? {} : { dueDate: dueDate as never })
                  }
                })
          }
        })
      )
      setSummary("")
      setNextStep("")
      setDueDate("")
      setLogged((n) => n + 1)
    } catch (failure) {
      setError((failure as Error).message)
    }
  }
  return (
    <>
      <h1>{client.name}</h1>
      <p>
        <span class="status">{client.kind}</span>
        {client.industry !== null && <> · {client.industry}</>}
        {client.website !== null && <> · {client.website}</>}
      </p>
      <div class="columns">
        <section aria-labelledby="contacts">
          <h2 id="contacts">Contacts</h2>
          {contacts.length === 0 ? (
            <p class="empty">No contacts.</p>
          ) : (
            <ul class="cards">
              {contacts.map((contact) => (
                <li key={contact.id}>
                  <strong>{contact.name}</strong>
                  {contact.isPrimary && <span class="status">primary</span>}
                  {contact.position !== null && <span class="kind">{contact.position}</span>}
                  {contact.email !== null && <a href={`mailto:${contact.email}`}>{contact.email}</a>}
                </li>
              ))}
            </ul>
          )}
        </section>
        {me.role !== "viewer" && (
          <section aria-labelledby="new-opportunity">
            <h2 id="new-opportunity">New opportunity</h2>
            <NewOpportunity signed={signed} clientId={client.id} onAdded={() => setLogged((n) => n + 1)} />
          </section>
        )}
        {me.role !== "viewer" && (
          <section aria-labelledby="log">
            <h2 id="log">Log an interaction</h2>
            <form class="stack" onSubmit={log}>
              <label for="interaction-kind">Kind</label>
              <select
                id="interaction-kind"
                value={kind}
                onChange={(e) => setKind((e.target as HTMLSelectElement).value as InteractionKind)}
              >
                {INTERACTION_KINDS.map((k) => (
                  <option value={k}>{k.replace("_", " ")}</option>
                ))}
              </select>
              <label for="interaction-contact">With</label>
              <select
                id="interaction-contact"
                value={contactId}
                onChange={(e) => setContactId((e.target as HTMLSelectElement).value)}
              >
                <option value="">the organization</option>
                {contacts.map((contact) => (
                  <option value={contact.id}>{contact.name}</option>
                ))}
              </select>
              <label for="interaction-summary">Summary</label>
              <input
                id="interaction-summary"
                required
                value={summary}
                onInput={(e) => setSummary((e.target as HTMLInputElement).value)}
              />
              <label for="interaction-next">Next step (becomes my task)</label>
              <input
                id="interaction-next"
                value={nextStep}
                onInput={(e) => setNextStep((e.target as HTMLInputElement).value)}
              />
              <label for="interaction-due">Due</label>
              <input
                id="interaction-due"
                type="date"
                value={dueDate}
                onInput={(e) => setDueDate((e.target as HTMLInputElement).value)}
              />
              {error !== null && <Failed message={error} />}
              <button type="submit">Log it</button>
            </form>
          </section>
        )}
      </div>
      <section aria-labelledby="timeline">
        <h2 id="timeline">Timeline</h2>
        <ol class="cards">
          {timeline.map((entry) =>
            entry.kind === "interaction" ? (
              <li key={`i-${entry.interaction.id}`}>
                <time dateTime={DateTime.formatIso(entry.at)}>{day(entry.at)}</time>
                <span class="kind">{entry.interaction.kind.replace("_", " ")}</span> {entry.interaction.summary}
                {entry.interaction.nextStep !== null && <span class="due">next: {entry.interaction.nextStep}</span>}
              </li>
            ) : (
              <li key={`e-${entry.event.sequence}`}>
                <time dateTime={DateTime.formatIso(entry.at)}>{day(entry.at)}</time>
                <span class="kind">{entry.event.type.replace("_", " ")}</span>
                {entry.event.changes.length > 0 && (
                  <span class="due">{entry.event.changes.map((change) => change.field).join(", ")}</span>
                )}
              </li>
            )
          )}
        </ol>
      </section>
    </>
  )
}
