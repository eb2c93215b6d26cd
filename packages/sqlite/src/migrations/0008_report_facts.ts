import { OpportunityStage } from "@agency-crm/core"
import { SqlClient } from "@effect/sql"
import { Effect } from "effect"

// What the reports keep up to date in each write: projects record when they first became active and when they
// were cancelled (duration, retention and the running projects are measured from them), opportunities every
// stage they have been in (the stage funnel). Existing rows take them from the history already stored: the event
// log holds every project status change, the stage history every opportunity change.
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
  `ALTER TABLE opportunities ADD COLUMN reachedStages TEXT NOT NULL DEFAULT '[]'`,
  `UPDATE opportunities SET reachedStages = (
     SELECT json_group_array(toStage) FROM (
       SELECT DISTINCT toStage FROM stage_changes WHERE opportunityId = opportunities.id ORDER BY ${stageOrder}
     )
   )`
]

/** Project activation and cancellation instants and the stages each opportunity reached, backfilled. */
export default Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  for (const statement of statements) yield* sql.unsafe(statement)
})
