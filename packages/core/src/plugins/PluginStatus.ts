import { Schema } from "effect"

/** How one plugin consumer is doing: where it is in the log, how far behind, and its last failure. */
export class ConsumerStatus extends Schema.Class<ConsumerStatus>("ConsumerStatus")({
  name: Schema.String,
  /** The last sequence it has handled. */
  position: Schema.Int,
  /** Events committed that it has not handled yet. */
  lag: Schema.Int,
  /** `retrying` while an event keeps failing (the consumer waits on it, nothing else does). */
  state: Schema.Literal("running", "retrying"),
  /** Failed attempts on the current event. */
  failures: Schema.Int,
  lastError: Schema.NullOr(Schema.String),
  lastErrorAt: Schema.NullOr(Schema.DateTimeUtc)
}) {}

/** A plugin in the running CRM and its consumers. */
export class PluginStatus extends Schema.Class<PluginStatus>("PluginStatus")({
  name: Schema.String,
  consumers: Schema.Array(ConsumerStatus),
  checks: Schema.Int
}) {}
