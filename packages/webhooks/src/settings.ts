import { Schema } from "effect"
import { isNetwork } from "./addresses.js"

/** The retry schedule of Standard Webhooks' reference implementation: after the first attempt, retries 5 s, 5 min,
 * 30 min, 2 h, 5 h, 10 h and 10 h later (each ±20% jitter); about 28 hours in all. */
export const DEFAULT_RETRY_SCHEDULE_MS: ReadonlyArray<number> = [
  5_000,
  5 * 60_000,
  30 * 60_000,
  2 * 3_600_000,
  5 * 3_600_000,
  10 * 3_600_000,
  10 * 3_600_000
]

/** The settings of the webhooks plugin. */
export const WebhookSettings = Schema.Struct({
  /** Networks deliveries may reach although they are private, loopback or link-local (CIDR or address, e.g.
   * `127.0.0.1`, `10.0.0.0/8`); checked at every delivery. Default none. */
  allowedNetworks: Schema.optionalWith(
    Schema.Array(
      Schema.String.pipe(Schema.filter((entry) => isNetwork(entry) || `${entry} is not a CIDR or an IP address`))
    ),
    { default: () => [] }
  ),
  /** The waits before each retry of a failed delivery, in milliseconds (each ±20% jitter); after the last one the
   * subscription is marked failing. Default `DEFAULT_RETRY_SCHEDULE_MS`. */
  retryScheduleMs: Schema.optionalWith(
    Schema.Array(Schema.Int.pipe(Schema.between(0, 7 * 24 * 3_600_000))).pipe(Schema.maxItems(20)),
    { default: () => DEFAULT_RETRY_SCHEDULE_MS }
  ),
  /** How long one attempt may take, in milliseconds. Default 10 000. */
  timeoutMs: Schema.optionalWith(Schema.Int.pipe(Schema.between(100, 60_000)), { default: () => 10_000 })
})
/** The settings of the webhooks plugin, validated. */
export type WebhookSettings = typeof WebhookSettings.Type
