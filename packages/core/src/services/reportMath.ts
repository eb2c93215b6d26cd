import { DateTime } from "effect"
import type { MedianMean } from "../domain/ReportFigures.js"

/** Rounds to two decimals, as reports give their means, medians and durations. */
export const round2 = (n: number): number => Math.round(n * 100) / 100

/** Rounds to two decimals, keeping `null` (no figure). */
export const rounded = (n: number | null): number | null => (n === null ? null : round2(n))

/** `part ÷ whole`; `null` when the whole is empty. */
export const share = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole)

/** Days (with fractions) from one instant to another. */
export const daysFrom = (from: DateTime.DateTime, to: DateTime.DateTime): number =>
  (DateTime.toEpochMillis(to) - DateTime.toEpochMillis(from)) / 86_400_000

/** The median of some numbers (the mean of the middle two for an even count); `null` when there are none. */
export const median = (values: ReadonlyArray<number>): number | null => {
  if (values.length === 0) return null
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

/** The mean of some numbers; `null` when there are none. */
export const mean = (values: ReadonlyArray<number>): number | null =>
  values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length

/** Orders report groups by their key, the group without one (`null`) last. */
export const byKeyNullLast = <K extends string | null>(a: K, b: K): number =>
  a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1

/** Groups rows by a key, in the order `byKeyNullLast`. */
export const groupBy = <T, K extends string | null>(rows: ReadonlyArray<T>, key: (row: T) => K) => {
  const groups = new Map<K, Array<T>>()
  for (const row of rows) {
    const k = key(row)
    const group = groups.get(k)
    if (group === undefined) groups.set(k, [row])
    else group.push(row)
  }
  return Array.from(groups).sort(([a], [b]) => byKeyNullLast(a, b))
}

/** The median and mean of some figures, rounded to two decimals. */
export const medianMean = (values: ReadonlyArray<number>): MedianMean => ({
  median: rounded(median(values)),
  mean: rounded(mean(values))
})
