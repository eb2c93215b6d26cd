import { DateTime } from "effect"
import { LocalDate } from "./LocalDate.js"

/** The fields of a report period `[from, to)`: two UTC calendar dates, `from` included, `to` excluded. */
export const periodFields = { from: LocalDate, to: LocalDate }

/** Refuses a period whose `to` is not after its `from`, naming `to`. */
export const periodInOrder = <A extends { readonly from: LocalDate; readonly to: LocalDate }>(query: A) =>
  query.from < query.to || { path: ["to"], message: "must be after from" }

/** The instant a report period's date starts: 00:00 UTC. */
export const startOf = (date: LocalDate): DateTime.Utc => DateTime.unsafeMake(`${date}T00:00:00Z`)
