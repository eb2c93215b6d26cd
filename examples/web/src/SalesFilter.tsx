import type { SalesReportQuery } from "@agency-crm/core"
import type { Signed } from "./App.js"
import { useLoad } from "./load.js"
import { call } from "./session.js"

/** Which opportunities a sales view covers: one owner, lead source or market, or all. */
export type SalesFilter = Pick<SalesReportQuery, "ownerId" | "originationId" | "marketId">

/** The owner, lead-source and market pickers of the pipeline and the sales reports. */
export const SalesFilterPickers = ({
  filter,
  onChange,
  signed
}: {
  readonly signed: Signed
  readonly filter: SalesFilter
  readonly onChange: (filter: SalesFilter) => void
}) => {
  const { api } = signed
  const choices = useLoad(async () => {
    const [team, originations, markets] = await Promise.all([
      call(api.team.list({ urlParams: { limit: 200 } })),
      call(api.originations.list({ urlParams: { limit: 200 } })),
      call(api.markets.list({ urlParams: { limit: 200 } }))
    ])
    return { team: team.items, originations: originations.items, markets: markets.items }
  }, [])
  const named = choices.state === "ready" ? choices.value : { team: [], originations: [], markets: [] }
  const pickers = [
    ["ownerId", "Owner", named.team],
    ["originationId", "Lead source", named.originations],
    ["marketId", "Market", named.markets]
  ] as const
  return (
    <>
      {pickers.map(([key, label, items]) => (
        <span key={key}>
          <label for={`filter-${key}`}>{label}</label>{" "}
          <select
            id={`filter-${key}`}
            value={filter[key] ?? ""}
            onChange={(e) => {
              const value = (e.target as HTMLSelectElement).value
              const { [key]: _, ...rest } = filter
              onChange(value === "" ? rest : { ...rest, [key]: value })
            }}
          >
            <option value="">all</option>
            {items.map((item) => (
              <option key={item.id} value={item.id}>
                {item.name}
              </option>
            ))}
          </select>
        </span>
      ))}
    </>
  )
}
