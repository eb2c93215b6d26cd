import { DateTime, Schema } from "effect"

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

// Arithmetic rather than a Date round trip: this runs on every stored date a list decodes.
const isCalendarDate = (s: string): boolean => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false
  const year = Number(s.slice(0, 4))
  const month = Number(s.slice(5, 7))
  const day = Number(s.slice(8, 10))
  if (month < 1 || month > 12 || day < 1) return false
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
  return day <= (month === 2 && leap ? 29 : MONTH_DAYS[month - 1]!)
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
