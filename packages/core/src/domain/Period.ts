import { DateTime } from "effect"
import { daysBetween, LocalDate } from "./LocalDate.js"

/** The fields of a report period `[from, to)`: two UTC calendar dates, `from` included, `to` excluded. */
export const periodFields = { from: LocalDate, to: LocalDate }

/** The longest period a report covers: 100 years (a report's rows, such as revenue's months, grow with it). */
export const MAX_PERIOD_DAYS = 36_525

/** Refuses a period whose `to` is not after its `from`, or is more than 100 years after it, naming `to`. */
export const periodInOrder = <A extends { readonly from: LocalDate; readonly to: LocalDate }>(query: A) =>
  query.from >= query.to
    ? { path: ["to"], message: "must be after from" }
    : daysBetween(query.from, query.to) > MAX_PERIOD_DAYS
      ? { path: ["to"], message: "must be at most 100 years after from" }
      : true

/** The instant a report period's date starts: 00:00 UTC. */
export const startOf = (date: LocalDate): DateTime.Utc => DateTime.unsafeMake(`${date}T00:00:00Z`)
