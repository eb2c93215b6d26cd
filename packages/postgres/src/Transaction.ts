import { StorageError, StoreTransaction } from "@agency-crm/core"
import { SqlClient, SqlError } from "@effect/sql"
import { Effect, Option } from "effect"

const toStorageError = (error: SqlError.SqlError) =>
  new StorageError({ operation: "transaction", message: error.message, cause: error })

/** @effect/sql's transactions on one pooled connection: nested calls are savepoints, statements in the fiber join
 * it; a failure to begin or commit is a `StorageError` (the driver reports a failing COMMIT as a defect). */
export const makeTransaction = (sql: SqlClient.SqlClient) =>
  StoreTransaction.of({
    withTransaction: (effect) =>
      Effect.catchIf(
        sql.withTransaction(effect),
        (error): error is SqlError.SqlError => error instanceof SqlError.SqlError,
        (error) => Effect.fail(toStorageError(error))
      ).pipe(
        Effect.catchSomeDefect((defect) =>
          defect instanceof SqlError.SqlError ? Option.some(Effect.fail(toStorageError(defect))) : Option.none()
        )
      )
  })
