import { Schema } from "effect"
import { OriginationId } from "./Ids.js"
import * as MasterData from "./MasterData.js"

export { OriginationId } from "./Ids.js"

/** A lead source: how an organization or an opportunity came to the agency. */
export class Origination extends Schema.Class<Origination>("Origination")(MasterData.masterDataFields(OriginationId)) {}

/** Lead sources (master data). */
export const originationAggregate = MasterData.define({
  name: "origination",
  plural: "originations",
  schema: Origination,
  id: OriginationId
})

/** The lead sources a fresh store starts with. */
export const DEFAULT_ORIGINATIONS = MasterData.defaultSet("8100", [
  "Referral",
  "Marketing campaign",
  "Website",
  "Cold call",
  "Event",
  "Social media",
  "Partner"
])
