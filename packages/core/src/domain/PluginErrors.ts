import { Schema } from "effect"
import type { ValidationIssue } from "./Errors.js"

/** A plugin's settings do not match its schema: found when the CRM starts, before anything runs. */
export class PluginSettingsInvalid extends Schema.TaggedError<PluginSettingsInvalid>()("PluginSettingsInvalid", {
  plugin: Schema.String,
  issues: Schema.Array(Schema.Struct({ path: Schema.String, message: Schema.String })),
  message: Schema.String
}) {
  /** The error for `plugin` with its formatted issues. */
  static of(plugin: string, issues: ReadonlyArray<ValidationIssue>): PluginSettingsInvalid {
    const list = issues.map((issue) => `${issue.path === "" ? "(settings)" : issue.path}: ${issue.message}`)
    return new PluginSettingsInvalid({
      plugin,
      issues: issues.map((issue) => ({ path: issue.path, message: issue.message })),
      message: `the settings of the plugin ${plugin} are invalid: ${list.join("; ")}`
    })
  }
}

/** A plugin could not start: a duplicate name, tables its adapter cannot hold, a failed migration or start-up. */
export class PluginStartFailed extends Schema.TaggedError<PluginStartFailed>()("PluginStartFailed", {
  plugin: Schema.String,
  message: Schema.String
}) {}
