import { Schema } from "effect"
import { PositionId } from "./Ids.js"
import * as MasterData from "./MasterData.js"

export { PositionId } from "./Ids.js"

/** A position (job title) a contact holds. */
export class JobPosition extends Schema.Class<JobPosition>("JobPosition")(MasterData.masterDataFields(PositionId)) {}

/** Positions (master data). */
export const positionAggregate = MasterData.define({
  name: "position",
  plural: "positions",
  schema: JobPosition,
  id: PositionId
})

/** The positions a fresh store starts with. */
export const DEFAULT_POSITIONS = MasterData.defaultSet("8300", [
  "Chief executive",
  "Founder",
  "Marketing director",
  "Marketing manager",
  "Sales director",
  "Communications manager",
  "Product manager",
  "Purchasing manager",
  "Assistant"
])
