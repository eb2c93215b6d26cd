import { assert, describe, it } from "@effect/vitest"
import { Schema } from "effect"
import { LocalDate } from "../src/index.js"

const valid = Schema.is(LocalDate)

// The reference: a Date round trip (what LocalDate validated with before it went arithmetic).
const roundTrips = (s: string) => {
  const date = new Date(`${s}T00:00:00.000Z`)
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === s
}

describe("LocalDate", () => {
  it("accepts exactly the calendar dates, leap years included", () => {
    for (const year of [1900, 1999, 2000, 2023, 2024, 2100, 2400]) {
      for (let month = 0; month <= 13; month++) {
        for (let day = 0; day <= 32; day++) {
          const s = `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`
          assert.strictEqual(valid(s), roundTrips(s), s)
        }
      }
    }
    assert.isTrue(valid("2024-02-29"))
    assert.isFalse(valid("2023-02-29"))
    assert.isFalse(valid("1900-02-29"))
    assert.isFalse(valid("2026-4-01"))
  })
})
