import { type Interaction, type InteractionId, InteractionKind } from "@agency-crm/core"
import { DateTime } from "effect"
import { may } from "./App.js"
import { FormBox, Input, orNull, Select, TextArea, useForm } from "./fields.js"
import { NotReady, TaskCards } from "./parts.js"
import { type EditFormProps, ifMatch, RecordActions, type RecordPageProps, useRecord } from "./record.js"
import { call } from "./session.js"
import { words } from "./text.js"
import { mergeTimeline, TimelineList } from "./Timeline.js"

/** Edits an interaction's kind, summary, outcome and next step; If-Match makes a concurrent edit a refusal. */
const EditInteraction = ({
  interaction,
  onSaved,
  openedOn,
  signed
}: EditFormProps & { readonly interaction: Interaction }) => {
  const form = useForm({
    kind: interaction.kind,
    summary: interaction.summary,
    outcome: interaction.outcome ?? "",
    nextStep: interaction.nextStep ?? ""
  })
  const save = form.submit(
    (v) =>
      call(
        signed.api.interactions.update({
          path: { id: interaction.id },
          headers: ifMatch(openedOn),
          payload: {
            kind: v.kind as InteractionKind,
            summary: v.summary,
            outcome: orNull(v.outcome),
            nextStep: orNull(v.nextStep)
          }
        })
      ),
    onSaved
  )
  return (
    <FormBox form={form} label="Edit the interaction" submit="Save" onSubmit={save}>
      <Select
        form={form}
        name="kind"
        id="edit-interaction-kind"
        label="Kind"
        options={InteractionKind.literals.map((k) => [k, words(k)] as const)}
      />
      <TextArea form={form} name="summary" id="edit-interaction-summary" label="Summary" required />
      <TextArea form={form} name="outcome" id="edit-interaction-outcome" label="Outcome" />
      <Input form={form} name="nextStep" id="edit-interaction-next" label="Next step" />
    </FormBox>
  )
}

/** One interaction: when, with whom, about what, its outcome and next step, the tasks that follow it up, edit and
 * delete, and its history. */
export const InteractionPage = (props: RecordPageProps) => {
  const { id, signed } = props
  const { api } = signed
  const { loaded, reload } = useRecord(async () => {
    const interactionId = id as InteractionId
    const interaction = await call(api.interactions.get({ path: { id: interactionId } }))
    const [client, contact, followUps, history] = await Promise.all([
      call(api.clients.get({ path: { id: interaction.clientId } })),
      interaction.contactId === null
        ? Promise.resolve(null)
        : call(api.contacts.get({ path: { id: interaction.contactId } })).catch(() => null),
      call(api.tasks.list({ urlParams: { originInteractionId: interactionId, limit: 50 } })),
      call(
        api.history.history({ path: { entityType: "interaction", entityId: interactionId }, urlParams: { limit: 50 } })
      )
    ])
    return { interaction, client, contact, followUps: followUps.items, history: history.items }
  }, props)
  if (loaded.state !== "ready") return <NotReady loaded={loaded} what="the interaction" />
  const { client, contact, followUps, history, interaction } = loaded.value
  return (
    <>
      <h1>{interaction.summary}</h1>
      <p class="details">
        <span class="status">{words(interaction.kind)}</span> ·{" "}
        {interaction.direction === "inbound"
          ? "they reached us"
          : interaction.direction === "outbound"
            ? "we reached them"
            : "internal"}{" "}
        ·{" "}
        <time dateTime={DateTime.formatIso(interaction.occurredAt)}>
          {DateTime.formatIso(interaction.occurredAt).slice(0, 16).replace("T", " ")} UTC
        </time>{" "}
        · <a href={`#/organizations/${client.id}`}>{client.name}</a>
        {contact !== null && (
          <>
            {" "}
            · with <a href={`#/contacts/${contact.id}`}>{contact.name}</a>
          </>
        )}
        {interaction.projectId !== null && (
          <>
            {" "}
            · <a href={`#/projects/${interaction.projectId}`}>its project</a>
          </>
        )}
        {interaction.firstContact && <> · first contact</>}
        {interaction.satisfaction !== null && <> · satisfaction {interaction.satisfaction}/5</>}
      </p>
      {interaction.outcome !== null && <p>Outcome: {interaction.outcome}</p>}
      {interaction.nextStep !== null && <p>Next step: {interaction.nextStep}</p>}
      <RecordActions
        version={interaction.version}
        reload={reload}
        name={interaction.summary}
        edit={
          may(signed, "interaction.write")
            ? (saved, openedOn) => (
                <EditInteraction signed={signed} interaction={interaction} openedOn={openedOn} onSaved={saved} />
              )
            : undefined
        }
        onDelete={
          may(signed, "interaction.delete")
            ? () =>
                call(
                  api.interactions.remove({ path: { id: interaction.id }, headers: ifMatch(interaction.version) })
                ).then(() => (location.hash = `/organizations/${client.id}`))
            : undefined
        }
      />
      <section aria-labelledby="follow-ups">
        <h2 id="follow-ups">Follow-up tasks</h2>
        <TaskCards tasks={followUps} empty="None." />
      </section>
      <TimelineList id="interaction-history" heading="History" entries={mergeTimeline([], history)} />
    </>
  )
}
