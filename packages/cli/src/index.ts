/** @agency-crm/cli: the `agency-crm` command's parts, for tools that embed them. */
export { backup, restore } from "./backup.js"
export { migrate } from "./migrate.js"
export { CommandFailed } from "./errors.js"
