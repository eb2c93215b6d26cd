import { Effect, PubSub, type Queue, type Scope } from "effect"

/** In-process wake-ups after a commit. Subscribers learn only "the log grew up to N" and then read the
 * log themselves, so they never see an event that was not committed and never miss one that was. */
export class EventWakeups extends Effect.Service<EventWakeups>()("@agency-crm/core/EventWakeups", {
  scoped: Effect.gen(function* () {
    const hub = yield* Effect.acquireRelease(PubSub.sliding<number>(1), PubSub.shutdown)
    return {
      /** Announces that the log holds events up to `sequence`. */
      publish: (sequence: number): Effect.Effect<void> => Effect.asVoid(PubSub.publish(hub, sequence)),
      /** A queue receiving the latest announced sequence; only the newest wake-up is kept. */
      subscribe: PubSub.subscribe(hub) as Effect.Effect<Queue.Dequeue<number>, never, Scope.Scope>
    } as const
  })
}) {}
