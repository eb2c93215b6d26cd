import { SqlClient } from "@effect/sql"
import { Effect } from "effect"

// Full-text search: one FTS5 table of (title, body) documents, `unicode61 remove_diacritics 2` so that
// `gestion` finds `Gestión`, prefix indexes for short prefixes; `search_docs` maps each document to its
// entity. Triggers keep both in step with the entity tables inside the writing transaction. The text of
// each document matches core's SearchDocuments.

/** A table whose rows are search documents, and the SQL expressions of each document's fields. */
export interface Source {
  readonly table: string
  readonly type: string
  readonly clientId: string
  readonly projectId: string
  readonly title: string
  readonly body: string
}

const sources: ReadonlyArray<Source> = [
  {
    table: "clients",
    type: "client",
    clientId: "R.id",
    projectId: "NULL",
    title: "R.name",
    body: "concat_ws(' ', R.industry, R.email, R.website, R.notes)"
  },
  {
    table: "contacts",
    type: "contact",
    clientId: "R.clientId",
    projectId: "NULL",
    title: "R.name",
    body: "concat_ws(' ', R.position, R.email, R.phone, R.notes)"
  },
  {
    table: "projects",
    type: "project",
    clientId: "R.clientId",
    projectId: "R.id",
    title: "R.name",
    body: "concat_ws(' ', R.description, (SELECT group_concat(value, ' ') FROM json_each(R.objectives)), R.campaignType)"
  },
  {
    table: "tasks",
    type: "task",
    clientId: "R.clientId",
    projectId: "R.projectId",
    title: "R.title",
    body: "coalesce(R.description, '')"
  },
  {
    table: "interactions",
    type: "interaction",
    clientId: "R.clientId",
    projectId: "R.projectId",
    title: "R.summary",
    body: "concat_ws(' ', R.outcome, R.nextStep)"
  }
]

const on = (expression: string, row: "new" | "old") => expression.replaceAll("R.", `${row}.`)

const docid = (s: Source, row: "new" | "old") =>
  `(SELECT docid FROM search_docs WHERE entityType = '${s.type}' AND entityId = ${row}.id)`

/** The triggers that keep one source's documents in step (later migrations reuse them for new sources). */
export const triggers = (s: Source) => [
  `CREATE TRIGGER ${s.table}_search_insert AFTER INSERT ON ${s.table} BEGIN
    INSERT INTO search_docs (entityType, entityId, clientId, projectId)
      VALUES ('${s.type}', new.id, ${on(s.clientId, "new")}, ${on(s.projectId, "new")});
    INSERT INTO search_fts (rowid, title, body) VALUES (last_insert_rowid(), ${on(s.title, "new")}, ${on(s.body, "new")});
  END`,
  `CREATE TRIGGER ${s.table}_search_update AFTER UPDATE ON ${s.table} BEGIN
    UPDATE search_docs SET clientId = ${on(s.clientId, "new")}, projectId = ${on(s.projectId, "new")}
      WHERE entityType = '${s.type}' AND entityId = new.id;
    UPDATE search_fts SET title = ${on(s.title, "new")}, body = ${on(s.body, "new")} WHERE rowid = ${docid(s, "new")};
  END`,
  `CREATE TRIGGER ${s.table}_search_delete AFTER DELETE ON ${s.table} BEGIN
    DELETE FROM search_fts WHERE rowid = ${docid(s, "old")};
    DELETE FROM search_docs WHERE entityType = '${s.type}' AND entityId = old.id;
  END`
]

// Rows written before this migration are indexed once, here.
const backfill = (s: Source) => [
  `INSERT INTO search_docs (entityType, entityId, clientId, projectId)
    SELECT '${s.type}', R.id, ${s.clientId}, ${s.projectId} FROM ${s.table} AS R`,
  `INSERT INTO search_fts (rowid, title, body)
    SELECT d.docid, ${s.title}, ${s.body} FROM ${s.table} AS R
    JOIN search_docs AS d ON d.entityType = '${s.type}' AND d.entityId = R.id`
]

const statements = [
  `CREATE TABLE search_docs (
    docid INTEGER PRIMARY KEY,
    entityType TEXT NOT NULL,
    entityId TEXT NOT NULL,
    clientId TEXT,
    projectId TEXT,
    UNIQUE (entityType, entityId)
  ) STRICT`,
  `CREATE VIRTUAL TABLE search_fts USING fts5 (title, body, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3')`,
  ...sources.flatMap(backfill),
  ...sources.flatMap(triggers)
]

/** Full-text search over clients, contacts, projects, tasks and interactions. */
export default Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  for (const statement of statements) yield* sql.unsafe(statement)
})
