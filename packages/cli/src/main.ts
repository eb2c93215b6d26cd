import { Command, ValidationError } from "@effect/cli"
import { NodeContext, NodeRuntime } from "@effect/platform-node"
import { Console, Effect } from "effect"
import { backup, restore } from "./backup.js"
import { exportCommand } from "./export.js"
import { gdpr } from "./gdpr.js"
import { importCommand } from "./import.js"
import { migrate } from "./migrate.js"

const root = Command.make("agency-crm").pipe(
  Command.withDescription(
    "Agency CRM's database tool: migrations, backups, restores, imports, exports and a person's data"
  ),
  Command.withSubcommands([migrate, backup, restore, importCommand, exportCommand, gdpr])
)

const cli = Command.run(root, { name: "agency-crm", version: "0.0.0" })

const failed = Effect.sync(() => {
  process.exitCode = 1
})

cli(process.argv).pipe(
  // What failed, in one line, and exit status 1; the usage errors @effect/cli has already printed. Anything else
  // is a defect, reported in full by the runtime.
  Effect.catchTag("CommandFailed", (error) => Effect.zipRight(Console.error(`agency-crm: ${error.message}`), failed)),
  Effect.catchIf(ValidationError.isValidationError, () => failed),
  Effect.provide(NodeContext.layer),
  NodeRuntime.runMain
)
