import { Deferred, Duration, Effect, type Scope } from "effect"
import type { DeliveryAttempt, SubscriptionId } from "./domain.js"
import type { WebhookStore } from "./store.js"

/** How long the recorder gathers progress before writing it: one transaction (one sync to disk) per window, whatever
 * the number of subscriptions. */
const WINDOW = Duration.millis(20)

/**
 * Delivery progress written in batches, off the delivery path: the attempts for the delivery log and each
 * subscription's position, in one transaction per flush. A crash loses at most the last window, and a position not
 * yet written means redelivery (with the same `webhook-id`), never a lost event.
 */
export const makeRecorder = (store: WebhookStore): Effect.Effect<Recorder, never, Scope.Scope> =>
  Effect.gen(function* () {
    let attempts: Array<DeliveryAttempt> = []
    let positions = new Map<SubscriptionId, number>()
    let pending = Deferred.unsafeMake<void>(undefined as never)

    const flush = Effect.suspend(() => {
      if (attempts.length === 0 && positions.size === 0) return Effect.void
      const batch = { attempts, positions }
      attempts = []
      positions = new Map()
      return store
        .flush(batch.attempts, batch.positions)
        .pipe(
          Effect.catchAll((error) =>
            Effect.logWarning("webhooks: delivery progress could not be written").pipe(
              Effect.annotateLogs({ error: error.message })
            )
          )
        )
    })

    const signal = () => Deferred.unsafeDone(pending, Effect.void)
    yield* Effect.forkScoped(
      Effect.forever(
        Effect.gen(function* () {
          yield* Deferred.await(pending)
          pending = Deferred.unsafeMake<void>(undefined as never)
          yield* Effect.sleep(WINDOW)
          yield* flush
        })
      )
    )
    // What is pending when the CRM stops is written before the store closes.
    yield* Effect.addFinalizer(() => flush)

    return {
      attempt: (attempt) =>
        Effect.sync(() => {
          attempts.push(attempt)
          signal()
        }),
      advance: (id, sequence) =>
        Effect.sync(() => {
          positions.set(id, Math.max(sequence, positions.get(id) ?? 0))
          signal()
        }),
      forget: (id) =>
        Effect.sync(() => {
          positions.delete(id)
        }),
      flush
    }
  })

/** Delivery progress, written in batches. */
export interface Recorder {
  /** Adds an attempt to the delivery log. */
  readonly attempt: (attempt: DeliveryAttempt) => Effect.Effect<void>
  /** Moves a subscription's position forward. */
  readonly advance: (id: SubscriptionId, sequence: number) => Effect.Effect<void>
  /** Drops a subscription's position not written yet (before it is set anew). */
  readonly forget: (id: SubscriptionId) => Effect.Effect<void>
  /** Writes what is pending now. */
  readonly flush: Effect.Effect<void>
}
