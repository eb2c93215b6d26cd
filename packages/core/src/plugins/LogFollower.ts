import { Duration, Effect, Queue } from "effect"
import type { StorageError } from "../domain/Errors.js"
import type { DomainEvent, EventFilter } from "../events/DomainEvent.js"
import { EventWakeups } from "../events/EventWakeups.js"
import { EventLog } from "../ports/EventLog.js"

/** How a durable reader follows the event log. */
export interface FollowOptions<E, R> {
  /** The last sequence already handled: reading starts after it. */
  readonly after: number
  /** Handles one event; the follower moves past it only once this succeeds (retry inside it as you need). */
  readonly handle: (event: DomainEvent) => Effect.Effect<void, E, R>
  /** Records that every event up to `sequence` is handled, so a restart resumes after it. */
  readonly save: (sequence: number) => Effect.Effect<void, StorageError>
  /** Which events to read; the others are passed over. Default: all. */
  readonly filter?: EventFilter | undefined
  /** Events read at a time. Default 100. */
  readonly batch?: number | undefined
  /** Told each position reached (handled, or looked past), before it is saved: for progress reports. */
  readonly reached?: ((sequence: number) => void) | undefined
  /** How often to look for commits of other processes when no wake-up comes. Default 1 second. */
  readonly pollInterval?: Duration.DurationInput | undefined
}

/**
 * Reads the event log from a durable position, in order and at least once: each event is handled, then the
 * position is saved after each batch (so a crash re-handles at most the batch in progress), and the follower waits
 * for the next commit (woken in-process, polling for others). Runs until interrupted or `handle` fails.
 */
export const follow = <E, R>(
  options: FollowOptions<E, R>
): Effect.Effect<never, E | StorageError, R | EventLog | EventWakeups> =>
  Effect.scoped(
    Effect.gen(function* () {
      const log = yield* EventLog
      const wakeups = yield* EventWakeups
      // Subscribed before the first read: a commit after it wakes the follower, one before it is read anyway.
      const wake = yield* wakeups.subscribe
      const batch = options.batch ?? 100
      const filter = options.filter ?? {}
      const poll = Duration.decode(options.pollInterval ?? "1 second")
      let position = options.after
      let saved = options.after
      const saveProgress = Effect.suspend(() => {
        if (position <= saved) return Effect.void
        const reached = position
        return Effect.map(options.save(reached), () => {
          saved = reached
        })
      })
      while (true) {
        const latest = yield* log.latestSequence
        const events = yield* log.readAfter(position, batch, filter)
        for (const event of events) {
          yield* options.handle(event)
          position = event.sequence
          options.reached?.(position)
        }
        if (events.length === batch) {
          yield* saveProgress
          continue
        }
        // Nothing more matches up to `latest`: every event up to it has been looked at.
        if (latest > position) {
          position = latest
          options.reached?.(position)
        }
        yield* saveProgress
        yield* Effect.ignore(Effect.timeout(Queue.take(wake), poll))
      }
    })
  )
