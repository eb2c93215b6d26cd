import type { MarketId, OriginationId, SalesReportQuery, TeamMemberId } from "@agency-crm/core"
import type { Signed } from "./App.js"
import { type Form, given, Select } from "./fields.js"
import { useLoad } from "./load.js"
import { call } from "./session.js"

/** The pickers' values, as a form holds them: one owner, lead source or market, or all (empty). */
export const NO_SALES_FILTER = { ownerId: "", originationId: "", marketId: "" }

/** Which opportunities a sales view covers. */
export type SalesFilter = Pick<SalesReportQuery, "ownerId" | "originationId" | "marketId">

/** The filter the pickers' values stand for. */
export const salesFilterOf = (values: typeof NO_SALES_FILTER): SalesFilter => ({
  ...given<"ownerId", TeamMemberId>("ownerId", values.ownerId),
  ...given<"originationId", OriginationId>("originationId", values.originationId),
  ...given<"marketId", MarketId>("marketId", values.marketId)
})

/** The owner, lead-source and market pickers of the pipeline and the sales reports (any member who may have owned
 * an opportunity, active or not). */
export const SalesFilterPickers = ({
  form,
  signed
}: {
  readonly signed: Signed
  readonly form: Form<typeof NO_SALES_FILTER>
}) => {
  const { api } = signed
  const masterData = useLoad(async () => {
    const [originations, markets] = await Promise.all([
      call(api.originations.list({ urlParams: { limit: 200 } })),
      call(api.markets.list({ urlParams: { limit: 200 } }))
    ])
    return { originations: originations.items, markets: markets.items }
  }, [])
  const named = masterData.state === "ready" ? masterData.value : { originations: [], markets: [] }
  const all = (items: ReadonlyArray<{ readonly id: string; readonly name: string }>) => [
    ["", "all"] as const,
    ...items.map((item) => [item.id, item.name] as const)
  ]
  return (
    <>
      <Select form={form} name="ownerId" id="filter-ownerId" label="Owner" options={all(signed.team)} />
      <Select
        form={form}
        name="originationId"
        id="filter-originationId"
        label="Lead source"
        options={all(named.originations)}
      />
      <Select form={form} name="marketId" id="filter-marketId" label="Market" options={all(named.markets)} />
    </>
  )
}
