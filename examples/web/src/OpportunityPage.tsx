import type { LocalDate, Opportunity, OpportunityId } from "@agency-crm/core"
import { DateTime } from "effect"
import { useState } from "preact/hooks"
import { may, memberName } from "./App.js"
import { Failed } from "./Failed.js"
import { FormBox, Input, orNull, TextArea, useForm } from "./fields.js"
import { LogInteraction, minorOf } from "./Forms.js"
import { NotReady, TaskCards } from "./parts.js"
import { type EditFormProps, ifMatch, RecordActions, type RecordPageProps, useRecord } from "./record.js"
import { call } from "./session.js"
import { mergeTimeline, TimelineList } from "./Timeline.js"
import { day, money, words } from "./text.js"

const CLOSED_WITHOUT_SALE = ["rejected", "not_qualified"]

/** Edits an opportunity's name, amount (in its currency, EUR for a first one), expected close, probability and
 * notes; the stage moves through the pipeline. */
const EditOpportunity = ({
  onSaved,
  openedOn,
  opportunity,
  signed
}: EditFormProps & { readonly opportunity: Opportunity }) => {
  const currency = opportunity.amount?.currency ?? "EUR"
  const form = useForm({
    name: opportunity.name,
    amount: opportunity.amount === null ? "" : String(opportunity.amount.amountMinor / 100),
    close: opportunity.expectedCloseDate ?? "",
    probability: String(opportunity.probability),
    notes: opportunity.notes ?? ""
  })
  const save = form.submit(
    (v) =>
      call(
        signed.api.opportunities.update({
          path: { id: opportunity.id },
          headers: ifMatch(openedOn),
          payload: {
            name: v.name,
            amount: v.amount.trim() === "" ? null : { amountMinor: minorOf(v.amount), currency },
            expectedCloseDate: orNull(v.close) as LocalDate | null,
            probability: Number(v.probability),
            notes: orNull(v.notes)
          }
        })
      ),
    onSaved
  )
  return (
    <FormBox form={form} label="Edit the opportunity" submit="Save" onSubmit={save}>
      <Input form={form} name="name" id="edit-opportunity-name" label="Name" required />
      <Input
        form={form}
        name="amount"
        id="edit-opportunity-amount"
        label={`Amount (${currency})`}
        inputMode="decimal"
      />
      <Input form={form} name="close" id="edit-opportunity-close" label="Expected close" type="date" />
      <Input
        form={form}
        name="probability"
        id="edit-opportunity-probability"
        label="Probability (%)"
        inputMode="numeric"
      />
      <TextArea form={form} name="notes" id="edit-opportunity-notes" label="Notes" />
    </FormBox>
  )
}

/** One opportunity: its stage and figures, the sale and its project, resuming or reopening a close, edit and delete,
 * the interactions about it (log one, whose next step becomes a task), its tasks and its stage history. */
export const OpportunityPage = (props: RecordPageProps) => {
  const { id, signed } = props
  const { api } = signed
  const [refusal, setRefusal] = useState<string | null>(null)
  const { loaded, reload } = useRecord(async () => {
    const opportunityId = id as OpportunityId
    const opportunity = await call(api.opportunities.get({ path: { id: opportunityId } }))
    const [client, contacts, interactions, tasks, stages] = await Promise.all([
      call(api.clients.get({ path: { id: opportunity.clientId } })),
      call(api.contacts.list({ urlParams: { clientId: opportunity.clientId, limit: 200 } })),
      call(api.interactions.list({ urlParams: { opportunityId, limit: 50 } })),
      call(api.tasks.list({ urlParams: { opportunityId, limit: 50 } })),
      call(api.opportunities.history({ path: { id: opportunityId }, urlParams: { limit: 100 } }))
    ])
    return {
      opportunity,
      client,
      contacts: contacts.items,
      interactions: interactions.items,
      tasks: tasks.items,
      stages: stages.items
    }
  }, props)
  if (loaded.state !== "ready") return <NotReady loaded={loaded} what="the opportunity" />
  const { client, contacts, interactions, opportunity, stages, tasks } = loaded.value
  const nameOf = (memberId: string | null) => memberName(signed, memberId) ?? "someone"
  const writable = may(signed, "opportunity.write")
  const act = (write: Promise<unknown>) => {
    setRefusal(null)
    write.then(reload, (failure: Error) => setRefusal(failure.message))
  }
  const path = { id: opportunity.id }
  const headers = ifMatch(opportunity.version)
  return (
    <>
      <h1>{opportunity.name}</h1>
      <p class="details">
        <span class="status">{words(opportunity.stage)}</span> · {opportunity.probability}% ·{" "}
        {opportunity.amount === null
          ? "no amount yet"
          : money(opportunity.amount.amountMinor, opportunity.amount.currency)}
        {opportunity.expectedCloseDate !== null && <> · expected to close {opportunity.expectedCloseDate}</>} · owned by{" "}
        {nameOf(opportunity.ownerId)} · <a href={`#/organizations/${client.id}`}>{client.name}</a>
        {opportunity.contactId !== null && (
          <>
            {" "}
            · with{" "}
            <a href={`#/contacts/${opportunity.contactId}`}>
              {contacts.find((c) => c.id === opportunity.contactId)?.name ?? "a contact"}
            </a>
          </>
        )}
      </p>
      {opportunity.salesOrderNumber !== null && (
        <p>
          Sales order {opportunity.salesOrderNumber}
          {opportunity.salesOrderAmount !== null && (
            <> for {money(opportunity.salesOrderAmount.amountMinor, opportunity.salesOrderAmount.currency)}</>
          )}
          {opportunity.salesOrderDate !== null && <> on {opportunity.salesOrderDate}</>}
          {opportunity.projectId !== null && (
            <>
              {" "}
              · <a href={`#/projects/${opportunity.projectId}`}>its project</a>
            </>
          )}
        </p>
      )}
      {opportunity.notes !== null && <p>{opportunity.notes}</p>}
      {refusal !== null && <Failed message={refusal} />}
      <RecordActions
        version={opportunity.version}
        reload={reload}
        name={opportunity.name}
        edit={
          writable
            ? (saved, openedOn) => (
                <EditOpportunity signed={signed} opportunity={opportunity} openedOn={openedOn} onSaved={saved} />
              )
            : undefined
        }
        onDelete={
          may(signed, "opportunity.delete")
            ? () =>
                call(api.opportunities.remove({ path, headers })).then(
                  () => (location.hash = `/organizations/${client.id}`)
                )
            : undefined
        }
      >
        {writable && opportunity.stage === "standby" && (
          <button type="button" onClick={() => act(call(api.opportunities.resume({ path, headers, payload: {} })))}>
            Resume
          </button>
        )}
        {writable && CLOSED_WITHOUT_SALE.includes(opportunity.stage) && (
          <button type="button" onClick={() => act(call(api.opportunities.reopen({ path, headers, payload: {} })))}>
            Reopen
          </button>
        )}
      </RecordActions>
      <div class="columns">
        <TimelineList
          id="opportunity-interactions"
          heading="Interactions about it"
          entries={mergeTimeline(interactions, [])}
        />
        <section aria-labelledby="opportunity-tasks">
          <h2 id="opportunity-tasks">Tasks</h2>
          <TaskCards tasks={tasks} empty="None." />
        </section>
        <LogInteraction
          signed={signed}
          clientId={client.id}
          opportunityId={opportunity.id}
          contacts={contacts}
          onLogged={reload}
        />
      </div>
      <section aria-labelledby="stage-history">
        <h2 id="stage-history">Stage history</h2>
        <ol class="cards">
          {stages.map((change) => (
            <li key={change.id}>
              <time dateTime={DateTime.formatIso(change.changedAt)}>{day(change.changedAt)}</time>
              {change.fromStage === null ? (
                <>opened in {words(change.toStage)}</>
              ) : (
                <>
                  {words(change.fromStage)} → {words(change.toStage)}
                </>
              )}{" "}
              <span class="due">by {nameOf(change.changedById)}</span>
              {change.note !== null && <> — {change.note}</>}
            </li>
          ))}
        </ol>
      </section>
    </>
  )
}
