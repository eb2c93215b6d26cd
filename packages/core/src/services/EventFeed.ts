import { Context, Deferred, Duration, Effect, FiberId, Queue, Stream } from "effect"
import type { StorageError } from "../domain/Errors.js"
import { EventLog } from "../ports/EventLog.js"
import { Access } from "./Access.js"
import { type DomainEvent, type EventFilter, eventMatches } from "../events/DomainEvent.js"
import { EventWakeups } from "../events/EventWakeups.js"

/** Events read per batch by a feed. */
export const FEED_BATCH = 200

/** Subscribers served between two returns to the host's event loop. */
const PUBLISH_SLICE = 100

const defer: (run: () => void) => unknown =
  typeof setImmediate === "function" ? setImmediate : (run) => setTimeout(run, 0)

/** Lets the host run what is waiting (I/O, timers) before continuing. */
const yieldToHost = Effect.async<void>((resume) => {
  defer(() => resume(Effect.void))
})

/** How often the shared tail reads the log without a wake-up, to see commits of other processes (default 1 s);
 * provide it where the `EventFeed` layer is built to change it. */
export class FeedPollInterval extends Context.Reference<FeedPollInterval>()("@agency-crm/core/FeedPollInterval", {
  defaultValue: (): Duration.Duration => Duration.seconds(1)
}) {}

/** Where a subscription's events go, in log order and each once. */
export interface EventSink {
  /** Takes events read from the log while the subscription catches up; it may wait, which slows only the
   * catch-up. */
  readonly catchUp: (events: ReadonlyArray<DomainEvent>) => Effect.Effect<void>
  /** Takes events from the shared tail; called synchronously, it must not block. `false` (the sink is full) ends
   * the subscription, so a reader that falls behind is dropped instead of holding the others. */
  readonly live: (events: ReadonlyArray<DomainEvent>) => boolean
  /** The subscription is over: the log could not be read (`error`), or the sink refused live events (`null`). */
  readonly ended: (error: StorageError | null) => void
}

interface Subscriber {
  readonly matches: (event: DomainEvent) => boolean
  readonly sink: EventSink
  /** Events the tail read while the subscriber was still catching up from the log. */
  pending: Array<DomainEvent> | null
  /** The last sequence delivered or looked at. */
  cursor: number
}

interface Tail {
  readonly ready: Deferred.Deferred<void, StorageError>
  /** The last sequence the tail has read. */
  head: number
}

/**
 * Live reading of the event log. One shared tail per process reads each committed batch once (woken by commits in
 * this process, polling for the others) and hands the decoded events to every subscriber whose filter they match,
 * so a write costs each reader a filter check and a hand-over, not a read of its own. A subscriber first catches
 * up from the log by itself, then joins the tail without a gap or a duplicate. The tail runs only while someone
 * listens.
 */
export class EventFeed extends Effect.Service<EventFeed>()("@agency-crm/core/EventFeed", {
  dependencies: [EventWakeups.Default, Access.Default],
  scoped: Effect.gen(function* () {
    const access = yield* Access
    const log = yield* EventLog
    const wakeups = yield* EventWakeups
    const pollInterval = yield* FeedPollInterval

    const subscribers = new Set<Subscriber>()
    let tail: Tail | null = null

    // Hands a batch to every subscriber, a slice at a time, letting the host serve requests between slices: with
    // many subscribers, one write's hand-over would otherwise hold everything else up until it is done.
    const publish = (events: ReadonlyArray<DomainEvent>) =>
      Effect.gen(function* () {
        const last = events[events.length - 1]!.sequence
        // Whoever joins meanwhile catches up from the log past this batch: the snapshot leaves no one out.
        const snapshot = Array.from(subscribers)
        for (let i = 0; i < snapshot.length; i++) {
          if (i > 0 && i % PUBLISH_SLICE === 0) yield* yieldToHost
          const subscriber = snapshot[i]!
          if (!subscribers.has(subscriber)) continue
          if (subscriber.pending !== null) {
            subscriber.pending.push(...events)
            continue
          }
          const matching = events.filter((event) => event.sequence > subscriber.cursor && subscriber.matches(event))
          subscriber.cursor = Math.max(subscriber.cursor, last)
          if (matching.length > 0 && !subscriber.sink.live(matching)) {
            subscribers.delete(subscriber)
            subscriber.sink.ended(null)
          }
        }
      })

    const fail = (error: StorageError) =>
      Effect.sync(() => {
        tail = null
        for (const subscriber of subscribers) subscriber.sink.ended(error)
        subscribers.clear()
      })

    const runTail = (running: Tail) =>
      Effect.gen(function* () {
        // Subscribed before the first read: a commit after it wakes the tail, one before it is read anyway.
        const wake = yield* wakeups.subscribe
        // The tail starts at the log's end; whoever joins catches up from the log to at least here first.
        running.head = yield* log.latestSequence
        yield* Deferred.succeed(running.ready, undefined)
        while (true) {
          const batch = yield* log.readAfter(running.head, FEED_BATCH, {})
          const last = batch[batch.length - 1]
          if (last !== undefined) {
            running.head = last.sequence
            yield* publish(batch)
            continue
          }
          // Checked and stopped in one step, so no subscriber can join a tail that is stopping.
          if (subscribers.size === 0) {
            tail = null
            return
          }
          yield* Effect.ignore(Effect.timeout(Queue.take(wake), pollInterval))
        }
      }).pipe(
        Effect.scoped,
        Effect.tapError((error) => Effect.zipRight(Deferred.fail(running.ready, error), fail(error))),
        Effect.ignore
      )

    // The tail runs in a fiber of the feed's own, not in the first subscriber's (whose request, actor or
    // transaction it would otherwise inherit): a subscriber that finds no tail asks this fiber to start one.
    const starts = yield* Queue.unbounded<Tail>()
    yield* Effect.forkScoped(Effect.interruptible(Effect.forever(Effect.flatMap(Queue.take(starts), runTail))))

    /** Adds a subscriber to the tail, starting one when none runs, and returns it. */
    const register = (subscriber: Subscriber): Tail => {
      subscribers.add(subscriber)
      if (tail !== null) return tail
      const started: Tail = { ready: Deferred.unsafeMake<void, StorageError>(FiberId.none), head: 0 }
      tail = started
      starts.unsafeOffer(started)
      return started
    }

    /**
     * Sends the matching events with a sequence greater than `after` to `sink`, in log order and each once: first
     * those already committed, read from the log (at the sink's pace), then new ones as they are committed, until
     * the scope closes or the subscription ends. Events of entities the actor may not read are left out. Commits
     * of other processes arrive within the `FeedPollInterval`. Returns once caught up; fork it to stream at once.
     */
    const subscribe = (after: number, filter: EventFilter, sink: EventSink) =>
      Effect.gen(function* () {
        const unreadable = yield* access.unreadable
        const readableFilter: EventFilter = {
          ...filter,
          excludeEntityTypes: [...(filter.excludeEntityTypes ?? []), ...unreadable]
        }
        const subscriber: Subscriber = {
          matches: (event) => eventMatches(readableFilter, event),
          sink,
          pending: [],
          cursor: after
        }
        const joined = yield* Effect.acquireRelease(
          Effect.sync(() => register(subscriber)),
          () => Effect.sync(() => subscribers.delete(subscriber))
        )
        yield* Deferred.await(joined.ready)
        let cursor = after
        while (true) {
          const latest = yield* log.latestSequence
          const batch = yield* log.readAfter(cursor, FEED_BATCH, readableFilter)
          const last = batch[batch.length - 1]
          if (last !== undefined) {
            cursor = last.sequence
            yield* sink.catchUp(batch)
            continue
          }
          // Nothing matches up to `latest`: every event up to it has been looked at.
          if (latest > cursor) cursor = latest
          break
        }
        // The tail started at or before `cursor`, so `pending` holds every event after it.
        const pending = subscriber.pending ?? []
        subscriber.pending = null
        const caughtUp = pending.filter((event) => event.sequence > cursor && subscriber.matches(event))
        subscriber.cursor = Math.max(cursor, pending[pending.length - 1]?.sequence ?? cursor)
        if (caughtUp.length > 0) yield* sink.catchUp(caughtUp)
      }).pipe(Effect.tapError((error) => Effect.sync(() => sink.ended(error._tag === "StorageError" ? error : null))))

    /** An endless stream of the matching events with a sequence greater than `after`, in log order (see
     * `subscribe`); it fails if the log cannot be read. */
    const stream = (after: number, filter: EventFilter = {}) =>
      Stream.unwrapScoped(
        Effect.gen(function* () {
          const queue = yield* Effect.acquireRelease(
            Queue.unbounded<ReadonlyArray<DomainEvent> | StorageError>(),
            Queue.shutdown
          )
          yield* Effect.forkScoped(
            Effect.ignore(
              subscribe(after, filter, {
                catchUp: (events) => Queue.offer(queue, events),
                live: (events) => Queue.unsafeOffer(queue, events),
                ended: (error) => {
                  if (error !== null) Queue.unsafeOffer(queue, error)
                }
              })
            )
          )
          return Stream.fromQueue(queue).pipe(
            Stream.mapEffect((item) =>
              Array.isArray(item) ? Effect.succeed(item) : Effect.fail(item as StorageError)
            ),
            Stream.flattenIterables
          )
        })
      )

    /** The events after `after` that are committed now, up to `limit`, oldest first (catch-up reads); events of
     * entities the actor may not read are left out. */
    const readAfter = (after: number, limit: number, filter: EventFilter = {}) =>
      Effect.flatMap(access.unreadable, (unreadable) =>
        log.readAfter(after, limit, {
          ...filter,
          excludeEntityTypes: [...(filter.excludeEntityTypes ?? []), ...unreadable]
        })
      )

    return {
      ...access.guard("EventFeed", { stream, readAfter, subscribe }),
      /** How many subscriptions the shared tail serves now. */
      subscriberCount: Effect.sync(() => subscribers.size)
    }
  })
}) {}
