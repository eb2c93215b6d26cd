import { DateTime } from "effect"

/** A code as words: `video_call` → "video call", `task.status_changed` → "task status changed". */
export const words = (value: string) => value.replaceAll("_", " ").replaceAll(".", " ")

/** An amount in minor units, formatted in its currency. */
export const money = (minor: number, currency: string) =>
  new Intl.NumberFormat("en", { style: "currency", currency }).format(minor / 100)

/** The UTC date of an instant, `YYYY-MM-DD`. */
export const day = (at: DateTime.Utc) => DateTime.formatIso(at).slice(0, 10)
