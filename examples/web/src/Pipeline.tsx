import type { MoveTarget, OpenStage, Opportunity } from "@agency-crm/core"
import { useState } from "preact/hooks"
import type { Signed } from "./App.js"
import { draggable, dropTarget } from "./drag.js"
import { Failed } from "./Failed.js"
import { MoveMenu } from "./parts.js"
import { useLoad } from "./load.js"
import { call } from "./session.js"

const OPEN: ReadonlyArray<OpenStage> = ["interest", "presentation", "proposal", "negotiation"]
const CLOSES = ["standby", "rejected", "not_qualified"] as const
const label = (stage: string) => stage.replace("_", " ")
const money = (minor: number, currency: string) =>
  new Intl.NumberFormat("en", { style: "currency", currency }).format(minor / 100)

/** What a card is being moved to, while its note (or sales order) is asked for. */
type Pending = { readonly opportunity: Opportunity; readonly to: MoveTarget | "won" }

/** The pipeline: open opportunities by stage with each stage's totals and weighted value; a card moves to another
 * stage, closes as standby, rejected or not qualified with its note, or is won with its sales order. */
export const PipelinePage = ({ signed, version }: { readonly signed: Signed; readonly version: number }) => {
  const { api } = signed
  const [changed, setChanged] = useState(0)
  const [pending, setPending] = useState<Pending | null>(null)
  const [note, setNote] = useState("")
  const [error, setError] = useState<string | null>(null)
  const loaded = useLoad(async () => {
    const [pipeline, open, clients] = await Promise.all([
      call(api.opportunities.pipeline({ urlParams: {} })),
      call(api.opportunities.list({ urlParams: { stage: [...OPEN], limit: 200 } })),
      call(api.clients.list({ urlParams: { limit: 200 } }))
    ])
    return { pipeline, open: open.items, clients: new Map(clients.items.map((c) => [c.id, c.name])) }
  }, [version, changed])
  if (loaded.state === "failed") return <Failed message={loaded.message} />
  if (loaded.state === "loading") return <p aria-busy="true">Loading the pipeline…</p>
  const { clients, open, pipeline } = loaded.value
  const writable = signed.me.role !== "viewer"
  const act = async (opportunity: Opportunity, to: MoveTarget | "won", text: string) => {
    setError(null)
    try {
      const id = opportunity.id
      const noteField = text.trim() === "" ? {} : { note: text.trim() }
      if (to === "won") {
        await call(
          api.opportunities.win({
            path: { id },
            payload: text.trim() === "" ? {} : { salesOrder: { number: text.trim() } },
            headers: {}
          })
        )
      } else {
        await call(api.opportunities.move({ path: { id }, payload: { to, ...noteField }, headers: {} }))
      }
      setPending(null)
      setNote("")
      setChanged((n) => n + 1)
    } catch (failure) {
      setError(`${opportunity.name}: ${(failure as Error).message}`)
    }
  }
  const choose = (opportunity: Opportunity, to: MoveTarget | "won") => {
    // Closing asks for the note and winning for the sales order number; moving between open stages does not.
    if (to === "won" || (CLOSES as ReadonlyArray<string>).includes(to)) {
      setPending({ opportunity, to })
      setNote("")
    } else void act(opportunity, to, "")
  }
  return (
    <>
      <h1>Pipeline</h1>
      {error !== null && <Failed message={error} />}
      {pending !== null && (
        <form
          class="stack dialog"
          aria-label={`${pending.to === "won" ? "Win" : `Close as ${label(pending.to)}`}: ${pending.opportunity.name}`}
          onSubmit={(e) => {
            e.preventDefault()
            void act(pending.opportunity, pending.to, note)
          }}
        >
          <h2>
            {pending.to === "won" ? "Won" : `Close as ${label(pending.to)}`}: {pending.opportunity.name}
          </h2>
          <label for="pending-note">{pending.to === "won" ? "Sales order number (optional)" : "Note"}</label>
          <input
            id="pending-note"
            value={note}
            required={pending.to !== "won"}
            onInput={(e) => setNote((e.target as HTMLInputElement).value)}
          />
          <div>
            <button type="submit">{pending.to === "won" ? "Record the sale" : "Close it"}</button>{" "}
            <button type="button" class="secondary" onClick={() => setPending(null)}>
              Cancel
            </button>
          </div>
        </form>
      )}
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
            <h2 id={`stage-${stage.stage}`}>{label(stage.stage)}</h2>
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
                    <strong>{opportunity.name}</strong>
                    <span class="kind">{clients.get(opportunity.clientId) ?? ""}</span>
                    {opportunity.amount !== null && (
                      <span class="due">{money(opportunity.amount.amountMinor, opportunity.amount.currency)}</span>
                    )}
                    {writable && (
                      <MoveMenu
                        name={opportunity.name}
                        options={[
                          ...OPEN.filter((s) => s !== opportunity.stage).map((s) => [s, label(s)] as const),
                          ...CLOSES.map((s) => [s, `close: ${label(s)}`] as const),
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
