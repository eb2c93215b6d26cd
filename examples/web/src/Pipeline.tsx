import { CampaignType, type MoveTarget, type OpenStage, type Opportunity, type TeamMemberId } from "@agency-crm/core"
import type { ComponentChildren } from "preact"
import { useState } from "preact/hooks"
import { may, memberOptions, type Signed } from "./App.js"
import { draggable, dropTarget } from "./drag.js"
import { Failed } from "./Failed.js"
import { FormBox, given, Input, Select, useForm } from "./fields.js"
import { MoveMenu, NotReady } from "./parts.js"
import { useLoad } from "./load.js"
import { NO_SALES_FILTER, salesFilterOf, SalesFilterPickers } from "./SalesFilter.js"
import { call } from "./session.js"
import { money, words } from "./text.js"
import { ifMatch } from "./record.js"

const OPEN: ReadonlyArray<OpenStage> = ["interest", "presentation", "proposal", "negotiation"]
const CLOSES = ["standby", "rejected", "not_qualified"] as const

/** A step asked for before a card moves: its title, its form, and a way back. */
const Dialog = ({
  children,
  onCancel,
  title
}: {
  readonly title: string
  readonly onCancel: () => void
  readonly children: ComponentChildren
}) => (
  <div class="dialog">
    <h2>{title}</h2>
    {children}
    <button type="button" class="secondary" onClick={onCancel}>
      Cancel
    </button>
  </div>
)

/** Closes an opportunity without a sale (standby, rejected, not qualified): the note says why. */
const CloseDialog = ({
  onCancel,
  onDone,
  opportunity,
  signed,
  to
}: {
  readonly signed: Signed
  readonly opportunity: Opportunity
  readonly to: MoveTarget
  readonly onDone: () => void
  readonly onCancel: () => void
}) => {
  const form = useForm({ note: "" })
  const close = form.submit(
    (v) =>
      call(
        signed.api.opportunities.move({
          path: { id: opportunity.id },
          payload: { to, note: v.note.trim() },
          headers: ifMatch(opportunity.version)
        })
      ),
    onDone
  )
  return (
    <Dialog title={`Close as ${words(to)}: ${opportunity.name}`} onCancel={onCancel}>
      <FormBox form={form} label={`Close as ${words(to)}: ${opportunity.name}`} submit="Close it" onSubmit={close}>
        <Input form={form} name="note" id="pending-note" label="Note" required />
      </FormBox>
    </Dialog>
  )
}

/** Wins an opportunity: its sales order, and optionally the campaign's first project, opened from the sale (its
 * budget is the order's amount); the page then goes to that project. */
const WinDialog = ({
  onCancel,
  onDone,
  opportunity,
  signed
}: {
  readonly signed: Signed
  readonly opportunity: Opportunity
  readonly onDone: () => void
  readonly onCancel: () => void
}) => {
  const form = useForm({
    number: "",
    openProject: "yes",
    projectName: opportunity.name,
    campaignType: "seo",
    managerId: signed.me.id as string
  })
  const win = form.submit(
    (v) =>
      call(
        signed.api.opportunities.win({
          path: { id: opportunity.id },
          payload: {
            ...given("salesOrder", v.number, (number) => ({ number })),
            ...(v.openProject === "yes"
              ? {
                  project: {
                    name: v.projectName.trim() === "" ? opportunity.name : v.projectName.trim(),
                    campaignType: v.campaignType as CampaignType,
                    managerId: v.managerId as TeamMemberId
                  }
                }
              : {})
          },
          headers: ifMatch(opportunity.version)
        })
      ),
    (won) => (won.project === null ? onDone() : (location.hash = `/projects/${won.project.id}`))
  )
  return (
    <Dialog title={`Won: ${opportunity.name}`} onCancel={onCancel}>
      <FormBox form={form} label={`Win: ${opportunity.name}`} submit="Record the sale" onSubmit={win}>
        <Input form={form} name="number" id="pending-note" label="Sales order number (optional)" />
        <Select
          form={form}
          name="openProject"
          id="win-open-project"
          label="Open the campaign's project"
          options={[
            ["yes", "yes, now"],
            ["", "not yet"]
          ]}
        />
        {form.values.openProject === "yes" && (
          <>
            <Input form={form} name="projectName" id="win-project-name" label="Project name" required />
            <Select
              form={form}
              name="campaignType"
              id="win-campaign-type"
              label="Campaign type"
              options={CampaignType.literals.map((t) => [t, words(t)] as const)}
            />
            <Select
              form={form}
              name="managerId"
              id="win-manager"
              label="Project manager"
              options={memberOptions(signed)}
            />
          </>
        )}
      </FormBox>
    </Dialog>
  )
}

/** What a card is being moved to, while its note (or sales order) is asked for. */
type Pending = { readonly opportunity: Opportunity; readonly to: MoveTarget | "won" }

/** The pipeline: open opportunities by stage with each stage's totals and weighted value (for one owner, lead source
 * or market, or all); a card moves to another stage, closes as standby, rejected or not qualified with its note, or
 * is won with its sales order and the project opened from it. */
export const PipelinePage = ({ signed, version }: { readonly signed: Signed; readonly version: number }) => {
  const { api } = signed
  const [changed, setChanged] = useState(0)
  const pickers = useForm(NO_SALES_FILTER)
  const filter = salesFilterOf(pickers.values)
  const [pending, setPending] = useState<Pending | null>(null)
  const [error, setError] = useState<string | null>(null)
  const loaded = useLoad(async () => {
    const [pipeline, open, clients] = await Promise.all([
      call(api.opportunities.pipeline({ urlParams: filter })),
      call(api.opportunities.list({ urlParams: { ...filter, stage: [...OPEN], limit: 200 } })),
      call(api.clients.list({ urlParams: { limit: 200 } }))
    ])
    return { pipeline, open: open.items, clients: new Map(clients.items.map((c) => [c.id, c.name])) }
  }, [version, changed, ...Object.values(pickers.values)])
  if (loaded.state !== "ready") return <NotReady loaded={loaded} what="the pipeline" />
  const { clients, open, pipeline } = loaded.value
  const writable = may(signed, "opportunity.write")
  const done = () => {
    setPending(null)
    setChanged((n) => n + 1)
  }
  const choose = (opportunity: Opportunity, to: MoveTarget | "won") => {
    setError(null)
    // Closing asks for the note and winning for the sales order; moving between open stages does not.
    if (to === "won" || (CLOSES as ReadonlyArray<string>).includes(to)) return setPending({ opportunity, to })
    call(
      api.opportunities.move({ path: { id: opportunity.id }, payload: { to }, headers: ifMatch(opportunity.version) })
    ).then(done, (failure) => setError(`${opportunity.name}: ${(failure as Error).message}`))
  }
  return (
    <>
      <h1>Pipeline</h1>
      <form class="period" aria-label="Which opportunities" onSubmit={(e) => e.preventDefault()}>
        <SalesFilterPickers signed={signed} form={pickers} />
      </form>
      {error !== null && <Failed message={error} />}
      {pending !== null &&
        (pending.to === "won" ? (
          <WinDialog
            key={pending.opportunity.id}
            signed={signed}
            opportunity={pending.opportunity}
            onDone={done}
            onCancel={() => setPending(null)}
          />
        ) : (
          <CloseDialog
            key={`${pending.opportunity.id}-${pending.to}`}
            signed={signed}
            opportunity={pending.opportunity}
            to={pending.to}
            onDone={done}
            onCancel={() => setPending(null)}
          />
        ))}
      <div class="board" role="list" aria-label="Pipeline by stage">
        {pipeline.stages.map((stage) => (
          <section
            role="listitem"
            aria-labelledby={`stage-${stage.stage}`}
            key={stage.stage}
            {...(writable
              ? dropTarget((opportunityId) => {
                  const opportunity = open.find((o) => o.id === opportunityId)
                  if (opportunity !== undefined && opportunity.stage !== stage.stage) choose(opportunity, stage.stage)
                })
              : {})}
          >
            <h2 id={`stage-${stage.stage}`}>{words(stage.stage)}</h2>
            <p class="kind">
              {stage.count} open
              {stage.amounts.map((amount) => (
                <span key={amount.currency}>
                  {" "}
                  · {money(amount.totalMinor, amount.currency)} (weighted {money(amount.weightedMinor, amount.currency)}
                  )
                </span>
              ))}
            </p>
            <ul class="cards">
              {open
                .filter((opportunity) => opportunity.stage === stage.stage)
                .map((opportunity) => (
                  <li key={opportunity.id} {...(writable ? draggable(opportunity.id) : {})}>
                    <a href={`#/opportunities/${opportunity.id}`}>{opportunity.name}</a>
                    <a class="kind" href={`#/organizations/${opportunity.clientId}`}>
                      {clients.get(opportunity.clientId) ?? "its organization"}
                    </a>
                    {opportunity.amount !== null && (
                      <span class="due">{money(opportunity.amount.amountMinor, opportunity.amount.currency)}</span>
                    )}
                    {writable && (
                      <MoveMenu
                        name={opportunity.name}
                        options={[
                          ...OPEN.filter((s) => s !== opportunity.stage).map((s) => [s, words(s)] as const),
                          ...CLOSES.map((s) => [s, `close: ${words(s)}`] as const),
                          ["won", "won (sales order)"] as const
                        ]}
                        onChoose={(to) => choose(opportunity, to as MoveTarget | "won")}
                      />
                    )}
                  </li>
                ))}
            </ul>
          </section>
        ))}
      </div>
    </>
  )
}
