import { Clock, Effect } from "effect"

/** One day in milliseconds. */
export const DAY = 86_400_000

/** A clock stopped at `ms`: the demo's history is written as if each step happened on its own day. */
export const stoppedAt = (ms: number): Clock.Clock => {
  const real = Clock.make()
  return {
    [Clock.ClockTypeId]: Clock.ClockTypeId,
    unsafeCurrentTimeMillis: () => ms,
    currentTimeMillis: Effect.succeed(ms),
    unsafeCurrentTimeNanos: () => BigInt(ms) * 1_000_000n,
    currentTimeNanos: Effect.succeed(BigInt(ms) * 1_000_000n),
    sleep: (duration) => real.sleep(duration)
  }
}
