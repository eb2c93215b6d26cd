import { StorageError, StoreTransaction } from "@agency-crm/core"
import { SqlClient, SqlError, type SqlConnection } from "@effect/sql"
import { Effect, Option, Scope } from "effect"
import { directRunnerOf } from "./Connection.js"

/**
 * For a client the adapter did not make: @effect/sql's generic transaction, with the same BEGIN IMMEDIATE.
 * It rolls back after any failure, a BEGIN that failed included (which would throw "no transaction is
 * active"), and turns a failing COMMIT into a defect that leaves the transaction open; so the connections
 * that hold an open transaction are tracked, and a failing COMMIT rolls back before it fails.
 */
const stockTransaction = (sql: SqlClient.SqlClient) => {
  const open = new WeakSet<SqlConnection.Connection>()
  const rollback = (conn: SqlConnection.Connection): Effect.Effect<void, SqlError.SqlError> =>
    open.has(conn)
      ? Effect.ensuring(
          Effect.asVoid(conn.execute("ROLLBACK", [], undefined)),
          Effect.sync(() => open.delete(conn))
        )
      : Effect.void
  return SqlClient.makeWithTransaction({
    transactionTag: SqlClient.TransactionConnection,
    spanAttributes: [["db.system.name", "sqlite"]],
    acquireConnection: Effect.flatMap(Scope.make(), (scope) =>
      Effect.map(Scope.extend(sql.reserve, scope), (conn) => [scope, conn] as const)
    ),
    begin: (conn) => Effect.tap(conn.execute("BEGIN IMMEDIATE", [], undefined), () => open.add(conn)),
    savepoint: (conn, id) => conn.execute(`SAVEPOINT crm_${id}`, [], undefined),
    commit: (conn) =>
      Effect.matchEffect(conn.execute("COMMIT", [], undefined), {
        onFailure: (error) =>
          Effect.zipRight(
            Effect.ignore(rollback(conn)),
            Effect.fail(new SqlError.SqlError({ cause: error, message: `Failed to execute COMMIT: ${error.message}` }))
          ),
        onSuccess: () => Effect.sync(() => open.delete(conn))
      }),
    rollback,
    rollbackSavepoint: (conn, id) => conn.execute(`ROLLBACK TO SAVEPOINT crm_${id}`, [], undefined)
  })
}

const toStorageError = (error: SqlError.SqlError) =>
  new StorageError({ operation: "transaction", message: error.message, cause: error })

/**
 * Transactions that start with `BEGIN IMMEDIATE`: a writer takes the write lock up front, so writers in
 * other processes queue on `busy_timeout` instead of failing on a read-to-write upgrade. Nested calls are
 * savepoints. Statements join the transaction through @effect/sql's own transaction connection. A failure
 * to begin or commit is a `StorageError`, after the transaction is rolled back.
 */
export const makeTransaction = (sql: SqlClient.SqlClient) => {
  const direct = directRunnerOf(sql)
  const transact = direct?.transaction ?? stockTransaction(sql)
  return StoreTransaction.of({
    withTransaction: (effect) =>
      Effect.catchIf(
        transact(effect),
        (error): error is SqlError.SqlError => error instanceof SqlError.SqlError,
        (error) => Effect.fail(toStorageError(error))
      ).pipe(
        // @effect/sql reports a failing COMMIT as a defect; the adapter's own transaction never does.
        direct === undefined
          ? Effect.catchSomeDefect((defect) =>
              defect instanceof SqlError.SqlError ? Option.some(Effect.fail(toStorageError(defect))) : Option.none()
            )
          : (self) => self
      )
  })
}
