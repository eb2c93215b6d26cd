import { StorageError, StoreTransaction } from "@agency-crm/core"
import { SqlClient, SqlError } from "@effect/sql"
import { Effect, Scope } from "effect"

/**
 * Transactions that start with `BEGIN IMMEDIATE`: a writer takes the write lock up front, so writers in
 * other processes queue on `busy_timeout` instead of failing on a read-to-write upgrade. Nested calls are
 * savepoints. Statements join the transaction through @effect/sql's own transaction connection.
 */
export const makeTransaction = (sql: SqlClient.SqlClient) => {
  const transact = SqlClient.makeWithTransaction({
    transactionTag: SqlClient.TransactionConnection,
    spanAttributes: [["db.system.name", "sqlite"]],
    acquireConnection: Effect.flatMap(Scope.make(), (scope) =>
      Effect.map(Scope.extend(sql.reserve, scope), (conn) => [scope, conn] as const)
    ),
    begin: (conn) => conn.executeUnprepared("BEGIN IMMEDIATE", [], undefined),
    savepoint: (conn, id) => conn.executeUnprepared(`SAVEPOINT crm_${id}`, [], undefined),
    commit: (conn) => conn.executeUnprepared("COMMIT", [], undefined),
    rollback: (conn) => conn.executeUnprepared("ROLLBACK", [], undefined),
    rollbackSavepoint: (conn, id) => conn.executeUnprepared(`ROLLBACK TO SAVEPOINT crm_${id}`, [], undefined)
  })
  return StoreTransaction.of({
    withTransaction: (effect) =>
      Effect.catchIf(
        transact(effect),
        (error): error is SqlError.SqlError => error instanceof SqlError.SqlError,
        (error) => Effect.fail(new StorageError({ operation: "transaction", message: error.message, cause: error }))
      )
  })
}
