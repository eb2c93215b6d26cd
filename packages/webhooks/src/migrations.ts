import { SqlClient } from "@effect/sql"
import { Effect } from "effect"

// Instants are epoch milliseconds: BIGINT on PostgreSQL (its INTEGER is 32-bit), INTEGER on SQLite (64-bit).
const statements = [
  `CREATE TABLE webhook_subscriptions (
    id TEXT PRIMARY KEY,
    url TEXT NOT NULL,
    eventTypes TEXT NOT NULL,
    clientId TEXT,
    projectId TEXT,
    active INTEGER NOT NULL,
    state TEXT NOT NULL,
    failingSince INTEGER,
    secret TEXT NOT NULL,
    previousSecret TEXT,
    previousSecretValidUntil INTEGER,
    position INTEGER NOT NULL,
    createdAt INTEGER NOT NULL,
    updatedAt INTEGER NOT NULL
  )`,
  `CREATE TABLE webhook_attempts (
    id TEXT PRIMARY KEY,
    subscriptionId TEXT NOT NULL REFERENCES webhook_subscriptions (id) ON DELETE CASCADE,
    messageId TEXT NOT NULL,
    sequence INTEGER NOT NULL,
    eventType TEXT NOT NULL,
    attempt INTEGER NOT NULL,
    succeeded INTEGER NOT NULL,
    statusCode INTEGER,
    latencyMs INTEGER NOT NULL,
    error TEXT,
    attemptedAt INTEGER NOT NULL
  )`,
  // The delivery log of a subscription, newest first.
  `CREATE INDEX webhook_attempts_by_subscription ON webhook_attempts (subscriptionId, id)`
]

/** The webhook tables, in SQL SQLite and PostgreSQL both take (but for the width of an integer). */
const initial = (integer: "INTEGER" | "BIGINT") =>
  Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    for (const statement of statements) yield* sql.unsafe(statement.replaceAll("INTEGER", integer))
  })

/** The webhooks plugin's migrations, per adapter; a shipped migration is never edited. */
export const tables = {
  sqlite: { "0001_webhooks": initial("INTEGER") },
  postgres: { "0001_webhooks": initial("BIGINT") }
}
