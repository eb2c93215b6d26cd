import { Options } from "@effect/cli"
import { Config } from "effect"
import { resolve } from "node:path"

/** The database a command works on: a SQLite file, or a PostgreSQL URL. */
export type Target =
  { readonly _tag: "Sqlite"; readonly filename: string } | { readonly _tag: "Postgres"; readonly url: string }

const isUrl = (text: string) => /^postgres(ql)?:\/\//.test(text)

/** `--database`: a SQLite file or a `postgres://` URL; by default what the server uses (`CRM_DATABASE_URL`, else
 * `CRM_DB_FILE`, else `./agency-crm.db`). */
export const databaseOption = Options.text("database").pipe(
  Options.withAlias("d"),
  Options.withDescription(
    "The SQLite file or the postgres:// URL to work on (default: CRM_DATABASE_URL, else CRM_DB_FILE, else ./agency-crm.db)"
  ),
  Options.withFallbackConfig(
    Config.string("CRM_DATABASE_URL").pipe(
      Config.orElse(() => Config.string("CRM_DB_FILE")),
      Config.withDefault("./agency-crm.db")
    )
  )
)

/** The target `--database` names. */
export const targetOf = (database: string): Target =>
  isUrl(database) ? { _tag: "Postgres", url: database } : { _tag: "Sqlite", filename: resolve(database) }

/** A URL without its password, for messages. */
export const shown = (target: Target): string => {
  if (target._tag === "Sqlite") return target.filename
  const url = new URL(target.url)
  if (url.password !== "") url.password = "***"
  return url.toString()
}
