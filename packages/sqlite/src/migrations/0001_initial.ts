import { SqlClient } from "@effect/sql"
import { Effect } from "effect"

// Timestamps are INTEGER epoch milliseconds, calendar dates TEXT `YYYY-MM-DD`, booleans 0/1, nested values JSON.
// `nameKey`, `titleKey` and `priorityRank` hold the sort keys computed by core's ListSpec, so SQL order is
// exactly the reference order. Every list, filter and tracking query has an index; sort-only indexes end
// in `id`, the tie-breaker of every order.
const statements = [
  `CREATE TABLE team_members (
    id TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    nameKey TEXT NOT NULL,
    email TEXT NOT NULL UNIQUE,
    title TEXT,
    active INTEGER NOT NULL CHECK (active IN (0, 1)),
    version INTEGER NOT NULL,
    createdAt INTEGER NOT NULL,
    updatedAt INTEGER NOT NULL
  ) STRICT`,
  `CREATE INDEX team_members_by_name ON team_members (nameKey, id)`,
  `CREATE INDEX team_members_by_created ON team_members (createdAt, id)`,
  `CREATE INDEX team_members_by_active ON team_members (active, nameKey, id)`,

  `CREATE TABLE clients (
    id TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    nameKey TEXT NOT NULL,
    kind TEXT NOT NULL,
    industry TEXT,
    website TEXT,
    email TEXT,
    phone TEXT,
    notes TEXT,
    ownerId TEXT REFERENCES team_members (id),
    archivedAt INTEGER,
    version INTEGER NOT NULL,
    createdAt INTEGER NOT NULL,
    updatedAt INTEGER NOT NULL
  ) STRICT`,
  `CREATE INDEX clients_by_name ON clients (nameKey, id)`,
  `CREATE INDEX clients_by_created ON clients (createdAt, id)`,
  `CREATE INDEX clients_by_updated ON clients (updatedAt, id)`,
  `CREATE INDEX clients_by_kind ON clients (kind, nameKey, id)`,
  `CREATE INDEX clients_by_owner ON clients (ownerId, nameKey, id)`,
  `CREATE INDEX clients_by_archived ON clients (archivedAt)`,

  `CREATE TABLE contacts (
    id TEXT PRIMARY KEY NOT NULL,
    clientId TEXT NOT NULL REFERENCES clients (id),
    name TEXT NOT NULL,
    nameKey TEXT NOT NULL,
    email TEXT,
    phone TEXT,
    position TEXT,
    isPrimary INTEGER NOT NULL CHECK (isPrimary IN (0, 1)),
    notes TEXT,
    version INTEGER NOT NULL,
    createdAt INTEGER NOT NULL,
    updatedAt INTEGER NOT NULL
  ) STRICT`,
  `CREATE INDEX contacts_by_client ON contacts (clientId, nameKey, id)`,
  `CREATE INDEX contacts_by_client_created ON contacts (clientId, isPrimary, createdAt, id)`,
  `CREATE INDEX contacts_by_name ON contacts (nameKey, id)`,
  `CREATE INDEX contacts_by_created ON contacts (createdAt, id)`,

  `CREATE TABLE projects (
    id TEXT PRIMARY KEY NOT NULL,
    clientId TEXT NOT NULL REFERENCES clients (id),
    name TEXT NOT NULL,
    nameKey TEXT NOT NULL,
    campaignType TEXT NOT NULL,
    description TEXT,
    objectives TEXT NOT NULL,
    budget TEXT,
    startDate TEXT,
    dueDate TEXT,
    managerId TEXT NOT NULL REFERENCES team_members (id),
    status TEXT NOT NULL,
    reportReference TEXT,
    deliveredOn TEXT,
    completedAt INTEGER,
    closedAt INTEGER,
    feedbackInteractionId TEXT,
    version INTEGER NOT NULL,
    createdAt INTEGER NOT NULL,
    updatedAt INTEGER NOT NULL
  ) STRICT`,
  `CREATE INDEX projects_by_client ON projects (clientId, createdAt, id)`,
  `CREATE INDEX projects_by_manager ON projects (managerId, createdAt, id)`,
  `CREATE INDEX projects_by_status ON projects (status, createdAt, id)`,
  `CREATE INDEX projects_by_campaign ON projects (campaignType, createdAt, id)`,
  `CREATE INDEX projects_by_created ON projects (createdAt, id)`,
  `CREATE INDEX projects_by_updated ON projects (updatedAt, id)`,
  `CREATE INDEX projects_by_name ON projects (nameKey, id)`,
  `CREATE INDEX projects_by_start ON projects (startDate, id)`,
  `CREATE INDEX projects_by_due ON projects (dueDate, id)`,

  `CREATE TABLE tasks (
    id TEXT PRIMARY KEY NOT NULL,
    projectId TEXT NOT NULL REFERENCES projects (id),
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
  `CREATE INDEX tasks_by_project ON tasks (projectId, createdAt, id)`,
  `CREATE INDEX tasks_by_project_due ON tasks (projectId, dueDate, id)`,
  `CREATE INDEX tasks_by_project_status ON tasks (projectId, status, dueDate)`,
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

  `CREATE TABLE allocations (
    id TEXT PRIMARY KEY NOT NULL,
    projectId TEXT NOT NULL REFERENCES projects (id),
    clientId TEXT NOT NULL REFERENCES clients (id),
    kind TEXT NOT NULL CHECK (kind IN ('human', 'material')),
    memberId TEXT REFERENCES team_members (id),
    role TEXT,
    hours REAL,
    name TEXT,
    quantity REAL,
    unitCost TEXT,
    notes TEXT,
    version INTEGER NOT NULL,
    createdAt INTEGER NOT NULL,
    updatedAt INTEGER NOT NULL
  ) STRICT`,
  `CREATE INDEX allocations_by_project ON allocations (projectId, createdAt, id)`,
  `CREATE INDEX allocations_by_member ON allocations (memberId, createdAt, id)`,
  `CREATE INDEX allocations_by_kind ON allocations (kind, createdAt, id)`,
  `CREATE INDEX allocations_by_created ON allocations (createdAt, id)`,

  `CREATE TABLE interactions (
    id TEXT PRIMARY KEY NOT NULL,
    clientId TEXT NOT NULL REFERENCES clients (id),
    contactId TEXT,
    projectId TEXT,
    kind TEXT NOT NULL,
    direction TEXT NOT NULL,
    occurredAt INTEGER NOT NULL,
    summary TEXT NOT NULL,
    outcome TEXT,
    nextStep TEXT,
    satisfaction INTEGER,
    loggedById TEXT,
    version INTEGER NOT NULL,
    createdAt INTEGER NOT NULL,
    updatedAt INTEGER NOT NULL
  ) STRICT`,
  `CREATE INDEX interactions_by_client ON interactions (clientId, occurredAt, id)`,
  `CREATE INDEX interactions_by_project ON interactions (projectId, occurredAt, id)`,
  `CREATE INDEX interactions_by_contact ON interactions (contactId, occurredAt, id)`,
  `CREATE INDEX interactions_by_kind ON interactions (kind, occurredAt, id)`,
  `CREATE INDEX interactions_by_occurred ON interactions (occurredAt, id)`,
  `CREATE INDEX interactions_by_created ON interactions (createdAt, id)`,

  `CREATE TABLE reviews (
    id TEXT PRIMARY KEY NOT NULL,
    projectId TEXT NOT NULL REFERENCES projects (id),
    clientId TEXT NOT NULL REFERENCES clients (id),
    reviewerId TEXT,
    reviewedAt INTEGER NOT NULL,
    summary TEXT NOT NULL,
    adjustments TEXT NOT NULL,
    progress TEXT NOT NULL,
    version INTEGER NOT NULL,
    createdAt INTEGER NOT NULL,
    updatedAt INTEGER NOT NULL
  ) STRICT`,
  `CREATE INDEX reviews_by_project ON reviews (projectId, reviewedAt, id)`,
  `CREATE INDEX reviews_by_project_created ON reviews (projectId, createdAt, id)`,
  `CREATE INDEX reviews_by_reviewed ON reviews (reviewedAt, id)`,
  `CREATE INDEX reviews_by_created ON reviews (createdAt, id)`,

  // INTEGER PRIMARY KEY without AUTOINCREMENT: a rolled-back append frees its numbers, so the log stays gap-free.
  `CREATE TABLE events (
    sequence INTEGER PRIMARY KEY,
    occurredAt INTEGER NOT NULL,
    actorId TEXT,
    type TEXT NOT NULL,
    entityType TEXT NOT NULL,
    entityId TEXT NOT NULL,
    clientId TEXT,
    projectId TEXT,
    assigneeId TEXT,
    changes TEXT NOT NULL
  ) STRICT`,
  `CREATE INDEX events_by_client ON events (clientId, sequence)`,
  `CREATE INDEX events_by_project ON events (projectId, sequence)`,
  `CREATE INDEX events_by_assignee ON events (assigneeId, sequence)`,
  `CREATE INDEX events_by_entity ON events (entityType, entityId, sequence)`,
  // The log is history: the database itself refuses to rewrite or drop a recorded event.
  `CREATE TRIGGER events_append_only_update BEFORE UPDATE ON events BEGIN
    SELECT RAISE(ABORT, 'the event log is append-only');
  END`,
  `CREATE TRIGGER events_append_only_delete BEFORE DELETE ON events BEGIN
    SELECT RAISE(ABORT, 'the event log is append-only');
  END`
]

/** Tables, indexes and the event log. */
export default Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  for (const statement of statements) yield* sql.unsafe(statement)
})
