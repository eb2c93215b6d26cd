import { Clock, Effect } from "effect"

/** How failed authentications are throttled per client address. */
export interface AuthThrottleOptions {
  /** Failed attempts answered 401 per window; the ones after it are throttled. Default 10. */
  readonly maxFailures?: number | undefined
  /** Length of the window, in milliseconds. Default 60 000. */
  readonly windowMs?: number | undefined
  /** Addresses tracked at most, counting and throttled each (so memory stays bounded). Default 10 000. */
  readonly maxAddresses?: number | undefined
  /** Proxies whose `X-Forwarded-For` names the client (addresses, CIDR ranges, or `loopback`, `linklocal`,
   * `uniquelocal`). Default none: the connection's peer is the client, whatever the header says. */
  readonly trustedProxies?: ReadonlyArray<string> | undefined
}

interface Window {
  readonly startedAt: number
  failures: number
}

// Failures from addresses that found the throttled table full share one window.
const OVERFLOW = "\u0000overflow"

/**
 * Counts failed authentications per address in fixed windows. An address past the limit is throttled until its
 * window ends: its failed attempts are answered 429 with `Retry-After` instead of 401. A valid key is never
 * refused for its address's failures, so an attacker behind a shared proxy or NAT locks no one else out (keys
 * carry 256 random bits: the throttle slows noise and tells a misbehaving client to stop, guessing is hopeless).
 *
 * Memory is bounded and cannot be flushed: addresses still counting are forgotten oldest first when there are too
 * many, but a throttled address stays throttled until its window ends; when the throttled table is full, newly
 * failing addresses share one overflow window, throttled as a whole.
 */
export const makeAuthThrottle = (options: AuthThrottleOptions = {}) => {
  const maxFailures = options.maxFailures ?? 10
  const windowMs = options.windowMs ?? 60_000
  const maxAddresses = options.maxAddresses ?? 10_000
  // Insertion order is age order in both: a new window is always inserted last.
  const counting = new Map<string, Window>()
  const throttled = new Map<string, Window>()

  const expired = (window: Window, now: number) => now - window.startedAt >= windowMs

  const throttledWindow = (bucket: string, now: number): Window | undefined => {
    const window = throttled.get(bucket) ?? (throttled.size >= maxAddresses ? throttled.get(OVERFLOW) : undefined)
    if (window !== undefined && expired(window, now)) {
      throttled.delete(throttled.get(bucket) === window ? bucket : OVERFLOW)
      return undefined
    }
    return window
  }

  /** Seconds until failures from `bucket` are answered 401 again, or 0 when they are now. */
  const retryAfter = (bucket: string): Effect.Effect<number> =>
    Effect.map(Clock.currentTimeMillis, (now) => {
      const window = throttledWindow(bucket, now)
      if (window === undefined) return 0
      return Math.max(1, Math.ceil((window.startedAt + windowMs - now) / 1000))
    })

  const dropExpired = (table: Map<string, Window>, now: number) => {
    for (const [key, window] of table) {
      if (!expired(window, now)) return
      table.delete(key)
    }
  }

  /** Moves a window that reached the limit into the throttled table, or into the shared overflow window. */
  const throttle = (bucket: string, window: Window, now: number) => {
    counting.delete(bucket)
    dropExpired(throttled, now)
    if (throttled.size < maxAddresses) {
      throttled.set(bucket, window)
      return
    }
    const overflow = throttled.get(OVERFLOW)
    if (overflow === undefined) {
      // The overflow window takes the place of the oldest entry, which expires first anyway.
      const oldest = throttled.keys().next()
      if (oldest.done !== true) throttled.delete(oldest.value)
      throttled.set(OVERFLOW, { startedAt: now, failures: 1 })
    } else overflow.failures += 1
  }

  /** Records a failed authentication counted under `bucket`. */
  const fail = (bucket: string): Effect.Effect<void> =>
    Effect.map(Clock.currentTimeMillis, (now) => {
      const held = throttledWindow(bucket, now)
      if (held !== undefined) {
        held.failures += 1
        return
      }
      let window = counting.get(bucket)
      if (window !== undefined && expired(window, now)) {
        counting.delete(bucket)
        window = undefined
      }
      if (window === undefined) {
        dropExpired(counting, now)
        if (counting.size >= maxAddresses) {
          const oldest = counting.keys().next()
          if (oldest.done !== true) counting.delete(oldest.value)
        }
        window = { startedAt: now, failures: 0 }
        counting.set(bucket, window)
      }
      window.failures += 1
      if (window.failures > maxFailures) throttle(bucket, window, now)
    })

  /** How many windows are held, counting and throttled (for tests of the bound). */
  const size = () => counting.size + throttled.size

  return { retryAfter, fail, size } as const
}
