import { Schema } from "effect"

/** The file exists but is not a SQLite database; it was not modified. */
export class NotASqliteDatabase extends Schema.TaggedError<NotASqliteDatabase>()("NotASqliteDatabase", {
  filename: Schema.String,
  message: Schema.String
}) {}

/** The database was written by a newer version of the adapter; it was not modified. */
export class DatabaseTooNew extends Schema.TaggedError<DatabaseTooNew>()("DatabaseTooNew", {
  filename: Schema.String,
  found: Schema.Int,
  supported: Schema.Int,
  message: Schema.String
}) {}

/** The database could not be opened, configured or migrated. */
export class DatabaseOpenFailed extends Schema.TaggedError<DatabaseOpenFailed>()("DatabaseOpenFailed", {
  filename: Schema.String,
  message: Schema.String,
  cause: Schema.optional(Schema.Defect)
}) {}

/** Why a SQLite store could not be opened. */
export type OpenError = NotASqliteDatabase | DatabaseTooNew | DatabaseOpenFailed
