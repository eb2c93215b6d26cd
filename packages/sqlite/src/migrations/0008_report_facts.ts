import { CONVERSATION_KINDS, OpportunityStage } from "@agency-crm/core"
import { SqlClient } from "@effect/sql"
import { Effect } from "effect"

// What the reports keep up to date in each write: projects record when they first became active and when they
// were cancelled (duration, retention and the running projects are measured from them), opportunities every
// stage they have been in (the stage funnel), interactions whether each is its organization's first contact.
// Existing rows take them from what is already stored: the event log holds every project status change, the
// stage history every opportunity change, the interactions themselves their order.
const statusReached = (status: string, pick: "MIN" | "MAX") =>
  `(SELECT ${pick}(e.occurredAt) FROM events e, json_each(e.changes) c
     WHERE e.entityType = 'project' AND e.entityId = projects.id
       AND json_extract(c.value, '$.field') = 'status' AND json_extract(c.value, '$.after') = '${status}')`

// The stages in their declared order, as `reachedStages` keeps them.
const stageOrder = `CASE toStage ${OpportunityStage.literals.map((stage, i) => `WHEN '${stage}' THEN ${i}`).join(" ")} END`

const statements = [
  `ALTER TABLE projects ADD COLUMN activatedAt INTEGER`,
  `ALTER TABLE projects ADD COLUMN cancelledAt INTEGER`,
  `UPDATE projects SET activatedAt = ${statusReached("active", "MIN")}`,
  `UPDATE projects SET cancelledAt = ${statusReached("cancelled", "MAX")} WHERE status = 'cancelled'`,
  `CREATE INDEX projects_by_activated ON projects (activatedAt, id)`,
  `CREATE INDEX projects_by_completed ON projects (completedAt, id)`,
  `CREATE INDEX projects_by_cancelled ON projects (cancelledAt, id)`,
  // Won (or lost) in a period: one index range per stage, in the order of the close.
  `CREATE INDEX opportunities_by_stage_closed ON opportunities (stage, closedAt, id)`,
  `ALTER TABLE interactions ADD COLUMN firstContact INTEGER NOT NULL DEFAULT 0`,
  `UPDATE interactions SET firstContact = 1 WHERE id IN (
     SELECT id FROM (
       SELECT id, ROW_NUMBER() OVER (PARTITION BY clientId ORDER BY occurredAt, id) AS n FROM interactions
       WHERE kind IN (${CONVERSATION_KINDS.map((kind) => `'${kind}'`).join(", ")}) AND direction IN ('inbound', 'outbound')
     ) WHERE n = 1
   )`,
  `ALTER TABLE opportunities ADD COLUMN reachedStages TEXT NOT NULL DEFAULT '[]'`,
  `UPDATE opportunities SET reachedStages = (
     SELECT json_group_array(toStage) FROM (
       SELECT DISTINCT toStage FROM stage_changes WHERE opportunityId = opportunities.id ORDER BY ${stageOrder}
     )
   )`
]

/** Project activation and cancellation instants, the stages each opportunity reached and each organization's
 * first contact, backfilled. */
export default Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  for (const statement of statements) yield* sql.unsafe(statement)
})
