import { DEFAULT_MASTER_DATA, foldedKey } from "@agency-crm/core"
import { SqlClient } from "@effect/sql"
import { Clock, Effect } from "effect"
import { type Source, triggers } from "./0002_search.js"

// The sales side: the master data lists (seeded with their default entries), opportunities and their stage
// history; organizations get a market and a lead source, contacts a listed position, interactions an
// opportunity. Tasks may now belong to an opportunity or to an organization alone, so `tasks.projectId` becomes
// nullable: SQLite cannot relax NOT NULL in place, so the table is rebuilt (indexes and search triggers with it).

const masterTable = (table: string) => [
  `CREATE TABLE ${table} (
    id TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    nameKey TEXT NOT NULL,
    description TEXT,
    archivedAt INTEGER,
    version INTEGER NOT NULL,
    createdAt INTEGER NOT NULL,
    updatedAt INTEGER NOT NULL
  ) STRICT`,
  // `nameKey` is the folded name that identifies an entry; core refuses a second holder inside the (serialised)
  // write, and this index serves both that lookup and the list order.
  `CREATE INDEX ${table}_by_name ON ${table} (nameKey, id)`,
  `CREATE INDEX ${table}_by_created ON ${table} (createdAt, id)`,
  `CREATE INDEX ${table}_by_archived ON ${table} (archivedAt, nameKey, id)`
]

const opportunities: Source = {
  table: "opportunities",
  type: "opportunity",
  clientId: "R.clientId",
  projectId: "R.projectId",
  title: "R.name",
  body: "concat_ws(' ', R.notes, R.salesOrderNumber)"
}

const tasks: Source = {
  table: "tasks",
  type: "task",
  clientId: "R.clientId",
  projectId: "R.projectId",
  title: "R.title",
  body: "coalesce(R.description, '')"
}

const taskColumns = `id, projectId, clientId, title, titleKey, description, status, priority, priorityRank, assigneeId,
  dueDate, estimateHours, originInteractionId, completedAt, version, createdAt, updatedAt`

const statements = [
  ...masterTable("originations"),
  ...masterTable("markets"),
  ...masterTable("positions"),

  `ALTER TABLE clients ADD COLUMN marketId TEXT REFERENCES markets (id)`,
  `ALTER TABLE clients ADD COLUMN originationId TEXT REFERENCES originations (id)`,
  `CREATE INDEX clients_by_market ON clients (marketId, nameKey, id)`,
  `CREATE INDEX clients_by_origination ON clients (originationId, nameKey, id)`,
  `ALTER TABLE contacts ADD COLUMN positionId TEXT REFERENCES positions (id)`,
  `CREATE INDEX contacts_by_position ON contacts (positionId, nameKey, id)`,

  `CREATE TABLE opportunities (
    id TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    nameKey TEXT NOT NULL,
    clientId TEXT NOT NULL REFERENCES clients (id),
    contactId TEXT,
    ownerId TEXT NOT NULL REFERENCES team_members (id),
    stage TEXT NOT NULL,
    resumeStage TEXT,
    probability INTEGER NOT NULL,
    amount TEXT,
    expectedCloseDate TEXT,
    originationId TEXT REFERENCES originations (id),
    marketId TEXT REFERENCES markets (id),
    originInteractionId TEXT,
    notes TEXT,
    stageChangedAt INTEGER NOT NULL,
    closedAt INTEGER,
    salesOrderNumber TEXT,
    salesOrderAmount TEXT,
    salesOrderDate TEXT,
    projectId TEXT,
    version INTEGER NOT NULL,
    createdAt INTEGER NOT NULL,
    updatedAt INTEGER NOT NULL
  ) STRICT`,
  `CREATE INDEX opportunities_by_created ON opportunities (createdAt, id)`,
  `CREATE INDEX opportunities_by_updated ON opportunities (updatedAt, id)`,
  `CREATE INDEX opportunities_by_name ON opportunities (nameKey, id)`,
  `CREATE INDEX opportunities_by_close ON opportunities (expectedCloseDate, id)`,
  `CREATE INDEX opportunities_by_stage_changed ON opportunities (stageChangedAt, id)`,
  `CREATE INDEX opportunities_by_client ON opportunities (clientId, createdAt, id)`,
  `CREATE INDEX opportunities_by_contact ON opportunities (contactId, createdAt, id)`,
  `CREATE INDEX opportunities_by_owner ON opportunities (ownerId, createdAt, id)`,
  `CREATE INDEX opportunities_by_stage ON opportunities (stage, createdAt, id)`,
  `CREATE INDEX opportunities_by_origination ON opportunities (originationId, createdAt, id)`,
  `CREATE INDEX opportunities_by_market ON opportunities (marketId, createdAt, id)`,
  `CREATE INDEX opportunities_by_origin ON opportunities (originInteractionId, createdAt, id)`,
  `CREATE INDEX opportunities_by_project ON opportunities (projectId, createdAt, id)`,
  `CREATE UNIQUE INDEX opportunities_by_sales_order ON opportunities (salesOrderNumber)
    WHERE salesOrderNumber IS NOT NULL`,

  // History rows go with their opportunity through core's cascade, like interactions with their contact.
  `CREATE TABLE stage_changes (
    id TEXT PRIMARY KEY NOT NULL,
    opportunityId TEXT NOT NULL,
    clientId TEXT NOT NULL REFERENCES clients (id),
    kind TEXT NOT NULL,
    fromStage TEXT,
    toStage TEXT NOT NULL,
    changedAt INTEGER NOT NULL,
    changedById TEXT,
    note TEXT,
    version INTEGER NOT NULL,
    createdAt INTEGER NOT NULL,
    updatedAt INTEGER NOT NULL
  ) STRICT`,
  `CREATE INDEX stage_changes_by_opportunity ON stage_changes (opportunityId, changedAt, id)`,
  `CREATE INDEX stage_changes_by_client ON stage_changes (clientId, changedAt, id)`,
  `CREATE INDEX stage_changes_by_member ON stage_changes (changedById, changedAt, id)`,
  `CREATE INDEX stage_changes_by_stage ON stage_changes (toStage, changedAt, id)`,
  `CREATE INDEX stage_changes_by_changed ON stage_changes (changedAt, id)`,

  `ALTER TABLE interactions ADD COLUMN opportunityId TEXT`,
  `CREATE INDEX interactions_by_opportunity ON interactions (opportunityId, occurredAt, id)`,

  `CREATE TABLE tasks_rebuilt (
    id TEXT PRIMARY KEY NOT NULL,
    projectId TEXT REFERENCES projects (id),
    opportunityId TEXT REFERENCES opportunities (id),
    clientId TEXT NOT NULL REFERENCES clients (id),
    title TEXT NOT NULL,
    titleKey TEXT NOT NULL,
    description TEXT,
    status TEXT NOT NULL,
    priority TEXT NOT NULL,
    priorityRank INTEGER NOT NULL,
    assigneeId TEXT REFERENCES team_members (id),
    dueDate TEXT,
    estimateHours REAL,
    originInteractionId TEXT,
    completedAt INTEGER,
    version INTEGER NOT NULL,
    createdAt INTEGER NOT NULL,
    updatedAt INTEGER NOT NULL
  ) STRICT`,
  `INSERT INTO tasks_rebuilt (${taskColumns}) SELECT ${taskColumns} FROM tasks`,
  // Dropping the table drops its indexes and triggers; its search documents stay and are kept by the new ones.
  `DROP TABLE tasks`,
  `ALTER TABLE tasks_rebuilt RENAME TO tasks`,
  `CREATE INDEX tasks_by_project ON tasks (projectId, createdAt, id)`,
  `CREATE INDEX tasks_by_project_due ON tasks (projectId, dueDate, id)`,
  `CREATE INDEX tasks_by_project_status ON tasks (projectId, status, dueDate)`,
  `CREATE INDEX tasks_by_opportunity ON tasks (opportunityId, createdAt, id)`,
  `CREATE INDEX tasks_by_client ON tasks (clientId, createdAt, id)`,
  `CREATE INDEX tasks_by_assignee ON tasks (assigneeId, createdAt, id)`,
  `CREATE INDEX tasks_by_status ON tasks (status, assigneeId, dueDate)`,
  `CREATE INDEX tasks_open_by_due ON tasks (dueDate, id)
    WHERE status IN ('todo', 'in_progress', 'in_review', 'blocked')`,
  `CREATE INDEX tasks_open_by_assignee_due ON tasks (assigneeId, dueDate, id)
    WHERE status IN ('todo', 'in_progress', 'in_review', 'blocked')`,
  `CREATE INDEX tasks_by_created ON tasks (createdAt, id)`,
  `CREATE INDEX tasks_by_updated ON tasks (updatedAt, id)`,
  `CREATE INDEX tasks_by_due ON tasks (dueDate, id)`,
  `CREATE INDEX tasks_by_priority ON tasks (priorityRank, id)`,
  `CREATE INDEX tasks_by_title ON tasks (titleKey, id)`,
  `CREATE INDEX tasks_by_origin ON tasks (originInteractionId, createdAt, id)`,
  ...triggers(tasks),
  ...triggers(opportunities)
]

/** The sales side, and the default master data. */
export default Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  for (const statement of statements) yield* sql.unsafe(statement)
  const at = yield* Clock.currentTimeMillis
  for (const { aggregate, entries } of DEFAULT_MASTER_DATA) {
    for (const entry of entries) {
      yield* sql.unsafe(
        `INSERT INTO ${aggregate.plural} (id, name, nameKey, description, archivedAt, version, createdAt, updatedAt)
          VALUES (?, ?, ?, NULL, NULL, 1, ?, ?)`,
        [entry.id, entry.name, foldedKey(entry.name), at, at]
      )
    }
  }
})
