import { DateTime, Schema } from "effect"

const isCalendarDate = (s: string): boolean => {
  const date = new Date(`${s}T00:00:00.000Z`)
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === s
}

/** A calendar date (`YYYY-MM-DD`) for deadlines and schedules, where a time of day would be noise. */
export const LocalDate = Schema.String.pipe(
  Schema.pattern(/^\d{4}-\d{2}-\d{2}$/, { message: () => "expected a date as YYYY-MM-DD" }),
  Schema.filter((s) => isCalendarDate(s) || "not a valid calendar date"),
  Schema.brand("LocalDate"),
  Schema.annotations({ identifier: "LocalDate", description: "A calendar date, YYYY-MM-DD" })
)

/** A calendar date (`YYYY-MM-DD`). */
export type LocalDate = typeof LocalDate.Type

/** The UTC calendar date of an instant. */
export const fromDateTime = (dateTime: DateTime.DateTime): LocalDate =>
  DateTime.formatIso(DateTime.toUtc(dateTime)).slice(0, 10) as LocalDate

/** The date `days` days after `date` (negative goes back). */
export const addDays = (date: LocalDate, days: number): LocalDate => {
  const ms = new Date(`${date}T00:00:00.000Z`).getTime() + days * 86_400_000
  return new Date(ms).toISOString().slice(0, 10) as LocalDate
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export const daysBetween = (from: LocalDate, to: LocalDate): number =>
  Math.round((new Date(`${to}T00:00:00.000Z`).getTime() - new Date(`${from}T00:00:00.000Z`).getTime()) / 86_400_000)
