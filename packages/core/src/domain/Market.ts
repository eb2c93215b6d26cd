import { Schema } from "effect"
import { MarketId } from "./Ids.js"
import * as MasterData from "./MasterData.js"

export { MarketId } from "./Ids.js"

/** A market: a sector or segment organizations and opportunities belong to. */
export class Market extends Schema.Class<Market>("Market")(MasterData.masterDataFields(MarketId)) {}

/** Markets (master data). */
export const marketAggregate = MasterData.define({
  name: "market",
  plural: "markets",
  schema: Market,
  id: MarketId
})

/** The markets a fresh store starts with. */
export const DEFAULT_MARKETS = MasterData.defaultSet("8200", [
  "Retail",
  "Hospitality",
  "Healthcare",
  "Technology",
  "Financial services",
  "Education",
  "Real estate",
  "Food and beverage",
  "Non-profit",
  "Public sector"
])
