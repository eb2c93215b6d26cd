import { Clock, Effect } from "effect"

/** How failed authentications are throttled per client address. */
export interface AuthThrottleOptions {
  /** Failed attempts allowed per window before the address gets 429. Default 10. */
  readonly maxFailures?: number | undefined
  /** Length of the window, in milliseconds. Default 60 000. */
  readonly windowMs?: number | undefined
  /** Addresses tracked at most; the oldest windows are forgotten first. Default 10 000. */
  readonly maxAddresses?: number | undefined
}

interface Window {
  readonly startedAt: number
  failures: number
}

/** Counts failed authentications per address in fixed windows; an address over the limit is refused until its
 * window ends, whatever key it presents (a guesser learns nothing from a valid key's answer). */
export const makeAuthThrottle = (options: AuthThrottleOptions = {}) => {
  const maxFailures = options.maxFailures ?? 10
  const windowMs = options.windowMs ?? 60_000
  const maxAddresses = options.maxAddresses ?? 10_000
  // Insertion order is age order: a new window is always inserted last.
  const windows = new Map<string, Window>()

  const current = (address: string, now: number): Window | undefined => {
    const window = windows.get(address)
    if (window !== undefined && now - window.startedAt >= windowMs) {
      windows.delete(address)
      return undefined
    }
    return window
  }

  /** Seconds until `address` may try again, or 0 when it may now. */
  const retryAfter = (address: string): Effect.Effect<number> =>
    Effect.map(Clock.currentTimeMillis, (now) => {
      const window = current(address, now)
      if (window === undefined || window.failures < maxFailures) return 0
      return Math.max(1, Math.ceil((window.startedAt + windowMs - now) / 1000))
    })

  /** Records a failed authentication from `address`. */
  const fail = (address: string): Effect.Effect<void> =>
    Effect.map(Clock.currentTimeMillis, (now) => {
      const window = current(address, now)
      if (window !== undefined) {
        window.failures += 1
        return
      }
      if (windows.size >= maxAddresses) {
        const oldest = windows.keys().next()
        if (oldest.done !== true) windows.delete(oldest.value)
      }
      windows.set(address, { startedAt: now, failures: 1 })
    })

  return { retryAfter, fail } as const
}
