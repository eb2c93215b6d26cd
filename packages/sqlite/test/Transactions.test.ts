import { StorageError, StoreTransaction } from "@agency-crm/core"
import { Reactivity } from "@effect/experimental"
import { SqlClient } from "@effect/sql"
import { SqliteClient } from "@effect/sql-sqlite-node"
import { assert, describe, it } from "@effect/vitest"
import Database from "better-sqlite3"
import { Context, Effect, Either, Layer } from "effect"
import { join } from "node:path"
import { SqliteStore } from "../src/index.js"
import { tempDir } from "./support.js"

// The adapter's own store, and its ports over a stock @effect/sql SQLite client (`SqliteStore.makePorts`),
// whose transactions go through @effect/sql's generic implementation.
const stores = {
  "SqliteStore.layer": (filename: string) => SqliteStore.layer({ filename }).pipe(Layer.orDie),
  "makePorts on a stock SqliteClient": (filename: string) =>
    Layer.scopedContext(
      Effect.gen(function* () {
        const client = yield* SqliteClient.make({ filename })
        yield* client.unsafe("PRAGMA busy_timeout = 10000")
        const ports = yield* Effect.provideService(SqliteStore.makePorts, SqlClient.SqlClient, client)
        return Context.add(ports, SqlClient.SqlClient, client)
      })
    ).pipe(Layer.provide(Reactivity.layer), Layer.orDie)
}

const values = Effect.flatMap(SqlClient.SqlClient, (sql) =>
  Effect.map(sql.unsafe<{ readonly x: number }>("SELECT x FROM t ORDER BY x"), (rows) => rows.map((r) => r.x))
)
const insert = (x: number) =>
  Effect.flatMap(SqlClient.SqlClient, (sql) => sql.unsafe("INSERT INTO t (x) VALUES (?)", [x]))

describe.each(Object.entries(stores))("StoreTransaction on SQLite, %s", (_, store) => {
  it.scoped("takes the write lock before its first statement (BEGIN IMMEDIATE), and releases it at commit", () =>
    Effect.gen(function* () {
      const file = join(yield* tempDir, "lock.db")
      yield* Effect.gen(function* () {
        const tx = yield* StoreTransaction
        const other = new Database(file, { timeout: 0 })
        yield* Effect.addFinalizer(() => Effect.sync(() => other.close()))
        const tryWrite = () =>
          Either.try(() => {
            other.exec("BEGIN IMMEDIATE")
            other.exec("ROLLBACK")
          })
        // Nothing is written inside: only the way the transaction began holds the lock.
        const inside = yield* tx.withTransaction(Effect.sync(tryWrite))
        assert.isTrue(Either.isLeft(inside), "another connection cannot start a write while the transaction is open")
        assert.match(String(Either.isLeft(inside) ? inside.left : ""), /locked|busy/i)
        assert.isTrue(Either.isRight(tryWrite()), "the lock is released when the transaction ends")
      }).pipe(Effect.provide(store(file)))
    })
  )

  it.scoped("nests as savepoints: a failed inner transaction undoes only its own writes", () =>
    Effect.gen(function* () {
      const file = join(yield* tempDir, "nested.db")
      const result = yield* Effect.gen(function* () {
        const tx = yield* StoreTransaction
        const sql = yield* SqlClient.SqlClient
        yield* sql.unsafe("CREATE TABLE t (x INTEGER NOT NULL)")
        yield* tx.withTransaction(
          Effect.gen(function* () {
            yield* insert(1)
            const inner = yield* Effect.either(
              tx.withTransaction(Effect.zipRight(insert(2), Effect.fail("inner failed" as const)))
            )
            assert.deepStrictEqual(inner, Either.left("inner failed" as const))
            yield* tx.withTransaction(insert(3))
            // @effect/sql's own nested transaction joins ours as a savepoint too.
            yield* Effect.either(sql.withTransaction(Effect.zipRight(insert(5), Effect.fail("stock inner failed"))))
          })
        )
        const afterCommit = yield* values
        const failed = yield* Effect.either(tx.withTransaction(Effect.zipRight(insert(4), Effect.fail("outer failed"))))
        return { afterCommit, failed, afterRollback: yield* values }
      }).pipe(Effect.provide(store(file)))
      assert.deepStrictEqual(result.afterCommit, [1, 3])
      assert.deepStrictEqual(result.failed, Either.left("outer failed"))
      assert.deepStrictEqual(result.afterRollback, [1, 3])
    })
  )

  it.scoped("a COMMIT that fails is rolled back and surfaces as a StorageError; the connection stays usable", () =>
    Effect.gen(function* () {
      const file = join(yield* tempDir, "commit.db")
      const result = yield* Effect.gen(function* () {
        const tx = yield* StoreTransaction
        const sql = yield* SqlClient.SqlClient
        yield* sql.unsafe("CREATE TABLE parent (id INTEGER PRIMARY KEY)")
        yield* sql.unsafe(
          "CREATE TABLE child (id INTEGER PRIMARY KEY, parentId INTEGER NOT NULL REFERENCES parent (id) DEFERRABLE INITIALLY DEFERRED)"
        )
        // A deferred foreign key is checked at COMMIT, which then fails and leaves the transaction open.
        const orphan = yield* Effect.either(
          tx.withTransaction(sql.unsafe("INSERT INTO child (id, parentId) VALUES (1, 42)"))
        )
        const next = yield* Effect.either(tx.withTransaction(sql.unsafe("INSERT INTO parent (id) VALUES (7)")))
        const parents = yield* sql.unsafe<{ readonly id: number }>("SELECT id FROM parent")
        const children = yield* sql.unsafe<{ readonly id: number }>("SELECT id FROM child")
        return { orphan, next, parents, children }
      }).pipe(Effect.provide(store(file)))
      assert.isTrue(Either.isLeft(result.orphan))
      if (Either.isLeft(result.orphan)) {
        assert.instanceOf(result.orphan.left, StorageError)
        assert.match(result.orphan.left.message, /COMMIT/)
      }
      assert.isTrue(Either.isRight(result.next), "the next transaction begins and commits")
      assert.deepStrictEqual(
        result.parents.map((r) => r.id),
        [7]
      )
      assert.deepStrictEqual(result.children, [], "the failed commit left nothing behind")
    })
  )

  it.scoped("a BEGIN that fails (the database stays locked past busy_timeout) surfaces as a StorageError", () =>
    Effect.gen(function* () {
      const file = join(yield* tempDir, "busy.db")
      const other = new Database(file)
      yield* Effect.addFinalizer(() => Effect.sync(() => other.close()))
      const outcome = yield* Effect.gen(function* () {
        const tx = yield* StoreTransaction
        const sql = yield* SqlClient.SqlClient
        yield* sql.unsafe("PRAGMA busy_timeout = 0")
        other.exec("BEGIN IMMEDIATE")
        const result = yield* Effect.either(tx.withTransaction(Effect.void))
        other.exec("ROLLBACK")
        return result
      }).pipe(Effect.provide(store(file)))
      assert.isTrue(Either.isLeft(outcome))
      if (Either.isLeft(outcome)) {
        assert.instanceOf(outcome.left, StorageError)
        assert.strictEqual(outcome.left.operation, "transaction")
      }
    })
  )
})
