import { StorageError, StoreTransaction } from "@agency-crm/core"
import { SqlClient, SqlError } from "@effect/sql"
import { Effect, Scope } from "effect"
import { directRunnerOf } from "./Client.js"

// For a client the adapter did not make: @effect/sql's generic transaction, with the same BEGIN IMMEDIATE.
const stockTransaction = (sql: SqlClient.SqlClient) =>
  SqlClient.makeWithTransaction({
    transactionTag: SqlClient.TransactionConnection,
    spanAttributes: [["db.system.name", "sqlite"]],
    acquireConnection: Effect.flatMap(Scope.make(), (scope) =>
      Effect.map(Scope.extend(sql.reserve, scope), (conn) => [scope, conn] as const)
    ),
    begin: (conn) => conn.execute("BEGIN IMMEDIATE", [], undefined),
    savepoint: (conn, id) => conn.execute(`SAVEPOINT crm_${id}`, [], undefined),
    commit: (conn) => conn.execute("COMMIT", [], undefined),
    rollback: (conn) => conn.execute("ROLLBACK", [], undefined),
    rollbackSavepoint: (conn, id) => conn.execute(`ROLLBACK TO SAVEPOINT crm_${id}`, [], undefined)
  })

/**
 * Transactions that start with `BEGIN IMMEDIATE`: a writer takes the write lock up front, so writers in
 * other processes queue on `busy_timeout` instead of failing on a read-to-write upgrade. Nested calls are
 * savepoints. Statements join the transaction through @effect/sql's own transaction connection. On the
 * adapter's own client, a failure to begin or commit is a `StorageError` after the transaction is rolled back.
 */
export const makeTransaction = (sql: SqlClient.SqlClient) => {
  const transact = directRunnerOf(sql)?.transaction ?? stockTransaction(sql)
  return StoreTransaction.of({
    withTransaction: (effect) =>
      Effect.catchIf(
        transact(effect),
        (error): error is SqlError.SqlError => error instanceof SqlError.SqlError,
        (error) => Effect.fail(new StorageError({ operation: "transaction", message: error.message, cause: error }))
      )
  })
}
