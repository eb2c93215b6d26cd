import { type Duration, Effect, Queue, Stream } from "effect"
import type { StorageError } from "../domain/Errors.js"
import { EventLog } from "../ports/EventLog.js"
import { Access } from "../services/Access.js"
import type { DomainEvent, EventFilter } from "./DomainEvent.js"
import { EventWakeups } from "./EventWakeups.js"

/** Events read per batch by a feed. */
export const FEED_BATCH = 200

/** Live reading of the event log: everything after a sequence, then new events as they are committed. */
export class EventFeed extends Effect.Service<EventFeed>()("@agency-crm/core/EventFeed", {
  dependencies: [EventWakeups.Default, Access.Default],
  effect: Effect.gen(function* () {
    const access = yield* Access
    const log = yield* EventLog
    const wakeups = yield* EventWakeups

    /** An endless stream of the matching events with a sequence greater than `after`, in log order. It
     * subscribes before its first read, so an event committed at any moment is delivered exactly once;
     * commits from other processes are seen within `pollInterval`. */
    const stream = (
      after: number,
      filter: EventFilter = {},
      pollInterval: Duration.DurationInput = "1 second"
    ): Stream.Stream<DomainEvent, StorageError> =>
      Stream.unwrapScoped(
        Effect.gen(function* () {
          const wake = yield* wakeups.subscribe
          let cursor = after
          const next: Effect.Effect<ReadonlyArray<DomainEvent>, StorageError> = Effect.gen(function* () {
            while (true) {
              // Read the head first: when nothing matches, every event up to it has been looked at.
              const latest = yield* log.latestSequence
              const batch = yield* log.readAfter(cursor, FEED_BATCH, filter)
              const last = batch[batch.length - 1]
              if (last !== undefined) {
                cursor = last.sequence
                return batch
              }
              if (latest > cursor) cursor = latest
              // Wake-ups only come from this process; polling covers writers in other processes.
              yield* Effect.ignore(Effect.timeout(Queue.take(wake), pollInterval))
            }
          })
          return Stream.repeatEffect(next).pipe(Stream.flattenIterables)
        })
      )

    /** The events after `after` that are committed now, up to `limit`, oldest first (catch-up reads). */
    const readAfter = (after: number, limit: number, filter: EventFilter = {}) => log.readAfter(after, limit, filter)

    return access.guard("EventFeed", { stream, readAfter })
  })
}) {}
