import { SqlClient } from "@effect/sql"
import { Effect } from "effect"

// The log stays append-only but for one act: an erasure of personal data rewrites events' change lists, and only
// inside a transaction that set `agency_crm.erasing` for itself (set_config(..., true) ends with the transaction).
// Nothing else about an event changes, ever.
const statements = [
  `CREATE OR REPLACE FUNCTION events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'UPDATE' AND current_setting('agency_crm.erasing', true) = 'on'
        AND (NEW.sequence, NEW.occurredAt, NEW.actorId, NEW.type, NEW.entityType, NEW.entityId, NEW.clientId,
             NEW.projectId, NEW.assigneeId)
          IS NOT DISTINCT FROM (OLD.sequence, OLD.occurredAt, OLD.actorId, OLD.type, OLD.entityType, OLD.entityId,
             OLD.clientId, OLD.projectId, OLD.assigneeId)
      THEN
        RETURN NEW;
      END IF;
      RAISE EXCEPTION 'the event log is append-only';
    END $$`
]

/** The erasure exception to the append-only log. */
export default Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  for (const statement of statements) yield* sql.unsafe(statement)
})
