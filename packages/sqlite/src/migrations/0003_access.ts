import { SqlClient } from "@effect/sql"
import { Effect } from "effect"

// Roles and API keys. Members of an existing store become `member`: the first start afterwards finds no
// admin and bootstraps one, who then grants roles. Keys keep only the SHA-256 of their secret (unique:
// authentication finds the key by it).
const statements = [
  `ALTER TABLE team_members ADD COLUMN role TEXT NOT NULL DEFAULT 'member'
    CHECK (role IN ('admin', 'manager', 'member', 'viewer'))`,
  `CREATE INDEX team_members_by_role ON team_members (role, nameKey, id)`,
  `CREATE INDEX team_members_by_role_active ON team_members (role, active, nameKey, id)`,

  `CREATE TABLE api_keys (
    id TEXT PRIMARY KEY NOT NULL,
    memberId TEXT NOT NULL REFERENCES team_members (id),
    name TEXT NOT NULL,
    hash TEXT NOT NULL UNIQUE,
    lastUsedAt INTEGER,
    revokedAt INTEGER,
    version INTEGER NOT NULL,
    createdAt INTEGER NOT NULL,
    updatedAt INTEGER NOT NULL
  ) STRICT`,
  `CREATE INDEX api_keys_by_created ON api_keys (createdAt, id)`,
  `CREATE INDEX api_keys_by_member ON api_keys (memberId, createdAt, id)`
]

/** Team-member roles and the API-key table. */
export default Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  for (const statement of statements) yield* sql.unsafe(statement)
})
