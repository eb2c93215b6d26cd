import { Command } from "@effect/cli"
import { NodeContext, NodeRuntime } from "@effect/platform-node"
import { Console, Effect } from "effect"
import { backup, restore } from "./backup.js"
import { exportCommand } from "./export.js"
import { gdpr } from "./gdpr.js"
import { migrate } from "./migrate.js"

const root = Command.make("agency-crm").pipe(
  Command.withDescription("Agency CRM's database tool: migrations, backups, restores, exports and a person's data"),
  Command.withSubcommands([migrate, backup, restore, exportCommand, gdpr])
)

const cli = Command.run(root, { name: "agency-crm", version: "0.0.0" })

cli(process.argv).pipe(
  // What failed, in one line, and exit status 1; the usage errors @effect/cli has already printed.
  Effect.tapErrorTag("CommandFailed", (error) => Console.error(`agency-crm: ${error.message}`)),
  Effect.provide(NodeContext.layer),
  NodeRuntime.runMain({ disableErrorReporting: true })
)
