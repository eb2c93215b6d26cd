import { assert, describe, it } from "@effect/vitest"
import { Effect, TestClock } from "effect"
import { makeAuthThrottle } from "../src/server/authThrottle.js"

describe("the authentication throttle", () => {
  it.effect("holds a bounded number of windows whatever the number of addresses, and keeps throttled ones", () =>
    Effect.gen(function* () {
      const throttle = makeAuthThrottle({ maxFailures: 2, windowMs: 60_000, maxAddresses: 100 })
      for (let i = 0; i < 3; i++) yield* throttle.fail("victim-of-its-own-guessing")
      assert.isAbove(yield* throttle.retryAfter("victim-of-its-own-guessing"), 0)
      // 100,000 addresses with one failure each, then 1,000 more that get themselves throttled.
      for (let i = 0; i < 100_000; i++) yield* throttle.fail(`a${i}`)
      for (let i = 0; i < 1_000; i++) for (let k = 0; k < 3; k++) yield* throttle.fail(`b${i}`)
      assert.isAtMost(throttle.size(), 200)
      assert.isAbove(yield* throttle.retryAfter("victim-of-its-own-guessing"), 0)
      // Past the table, newly throttled addresses share one window, throttled as a whole.
      assert.isAbove(yield* throttle.retryAfter("b999"), 0)
      yield* TestClock.adjust("61 seconds")
      assert.strictEqual(yield* throttle.retryAfter("victim-of-its-own-guessing"), 0)
      assert.strictEqual(yield* throttle.retryAfter("b999"), 0)
    })
  )
})
