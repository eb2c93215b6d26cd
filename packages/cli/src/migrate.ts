import { Command, Options } from "@effect/cli"
import { Console, Effect } from "effect"
import { databaseOption, shown, targetOf } from "./database.js"
import { CommandFailed } from "./errors.js"
import { latestFor, schemaVersion } from "./schemaVersion.js"
import { openStore } from "./store.js"

const check = Options.boolean("check").pipe(
  Options.withDescription(
    "Apply nothing: exit 0 when the schema is current, 1 when migrations are pending or the database is newer"
  )
)

/** `agency-crm migrate [--check]`: brings the schema to this version (as the server does on start), or only says
 * whether it is current — for deploy scripts. */
export const migrate = Command.make("migrate", { database: databaseOption, check }, ({ check, database }) =>
  Effect.gen(function* () {
    const target = targetOf(database)
    const latest = latestFor(target)
    const before = yield* schemaVersion(target)
    const where = shown(target)
    if (before !== null && before > latest) {
      return yield* new CommandFailed({
        message: `${where} has schema version ${before}, newer than the ${latest} this version supports; upgrade agency-crm`
      })
    }
    if (check) {
      if (before === latest) return yield* Console.log(`${where}: schema version ${latest}, current`)
      return yield* new CommandFailed({
        message:
          before === null
            ? `${where}: no database yet; \`agency-crm migrate\` creates it at schema version ${latest}`
            : `${where}: schema version ${before}, ${latest - before} migration(s) pending (to ${latest})`
      })
    }
    yield* Effect.scoped(openStore(target))
    const after = yield* schemaVersion(target)
    yield* Console.log(
      before === after
        ? `${where}: schema version ${after}, already current`
        : `${where}: migrated from schema version ${before ?? 0} to ${after}`
    )
  })
).pipe(Command.withDescription("Apply the pending schema migrations (or, with --check, only report them)"))
