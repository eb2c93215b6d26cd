import {
  Access,
  type AccessError,
  Actor,
  EventFeed,
  type ClientId,
  ClientRepository,
  DomainEvent,
  EventLog,
  IdGenerator,
  type Page,
  type ProjectId,
  ProjectRepository,
  ReferencedEntityMissing,
  type StorageError,
  ValidationFailed,
  opaqueCursor,
  eventTypeMatches
} from "@agency-crm/core"
import type { SqlClient } from "@effect/sql"
import { Context, DateTime, Duration, Effect, FiberMap, Option, Queue, Schema, type Scope } from "effect"
import { type AllowList, parseAllowList } from "./addresses.js"
import {
  type AttemptId,
  type CreateSubscriptionInput,
  CreatedSubscription,
  DeliveryAttempt,
  RotatedSecret,
  Subscription,
  type SubscriptionId,
  type UpdateSubscriptionInput,
  WebhookNotFound
} from "./domain.js"
import type { WebhookSettings } from "./settings.js"
import { send } from "./send.js"
import { newSecret, signedHeaders } from "./signing.js"
import { makeRecorder } from "./progress.js"
import { makeStore, type StoredSubscription } from "./store.js"
import { Agent as HttpAgent, type Agent } from "node:http"
import { Agent as HttpsAgent } from "node:https"

/** What every webhook operation may fail with: the actor is not an admin, or storage failed. */
type Base = AccessError | StorageError

/** What a webhook operation may fail with. */
export type WebhookError = WebhookNotFound | ValidationFailed | ReferencedEntityMissing | Base

/** The webhook subscriptions of the CRM, their delivery and their log (admins only). */
export interface WebhooksService {
  readonly create: (
    input: CreateSubscriptionInput
  ) => Effect.Effect<CreatedSubscription, ReferencedEntityMissing | ValidationFailed | Base, Actor>
  readonly list: (query: {
    readonly limit?: number | undefined
    readonly cursor?: string | undefined
  }) => Effect.Effect<Page<Subscription>, ValidationFailed | Base, Actor>
  readonly get: (id: SubscriptionId) => Effect.Effect<Subscription, WebhookNotFound | Base, Actor>
  readonly update: (
    id: SubscriptionId,
    patch: UpdateSubscriptionInput
  ) => Effect.Effect<Subscription, WebhookNotFound | ReferencedEntityMissing | Base, Actor>
  readonly remove: (id: SubscriptionId) => Effect.Effect<void, WebhookNotFound | Base, Actor>
  /** A new signing secret; the previous one keeps signing for `overlapSeconds` (default 24 hours). */
  readonly rotateSecret: (
    id: SubscriptionId,
    overlapSeconds?: number | undefined
  ) => Effect.Effect<RotatedSecret, WebhookNotFound | Base, Actor>
  /** The delivery log of a subscription, newest first. */
  readonly deliveries: (
    id: SubscriptionId,
    query: { readonly limit?: number | undefined; readonly cursor?: string | undefined }
  ) => Effect.Effect<Page<DeliveryAttempt>, WebhookNotFound | ValidationFailed | Base, Actor>
  /** Delivers again every matching event from `fromSequence` on, in order (and makes a failing subscription healthy). */
  readonly replayFrom: (
    id: SubscriptionId,
    fromSequence: number
  ) => Effect.Effect<Subscription, WebhookNotFound | ValidationFailed | Base, Actor>
  /** Sends the event of one logged attempt again, now, and logs the result as its next attempt. */
  readonly replayAttempt: (id: AttemptId) => Effect.Effect<DeliveryAttempt, WebhookNotFound | Base, Actor>
}

/** The webhook subscriptions of the CRM. */
export class Webhooks extends Context.Tag("@agency-crm/webhooks/Webhooks")<Webhooks, WebhooksService>() {}

const DEFAULT_OVERLAP_SECONDS = 24 * 3600
/** Event batches a worker holds before the feed drops it (it then reads the log from its position). */
const BUFFER = 64
/** Event bodies kept for the other subscriptions of the same event. */
const BODY_CACHE = 256
const DEFAULT_LIMIT = 50
const MAX_LIMIT = 200
const encodeEvent = Schema.encodeSync(DomainEvent)

/** The `webhook-id` of one event to one subscription: stable across retries, restarts and replays. */
export const messageIdOf = (subscription: SubscriptionId, sequence: number) =>
  `msg_${subscription.slice(4)}_${sequence}`

/** A sequence past the end of the log: nothing would ever be delivered from there. */
const pastTheLog = (field: string, latest: number) =>
  ValidationFailed.of([{ path: field, message: `is past the last event of the log (${latest})` }])

const jittered = (ms: number) => Math.round(ms * (0.8 + Math.random() * 0.4))

const limitOf = (limit: number | undefined) => {
  const value = limit ?? DEFAULT_LIMIT
  return Number.isInteger(value) && value >= 1 && value <= MAX_LIMIT
    ? Effect.succeed(value)
    : Effect.fail(ValidationFailed.of([{ path: "limit", message: `must be an integer from 1 to ${MAX_LIMIT}` }]))
}

// A list's position is the id of its last item (a subscription's or an attempt's).
const idCursor = opaqueCursor(Schema.String.pipe(Schema.pattern(/^wh[sa]_[0-9a-f-]{36}$/)), "list")

const cursorOf = (cursor: string | undefined) => (cursor === undefined ? Effect.succeed(null) : idCursor.decode(cursor))

/** Runs the webhooks: the service and, for every active healthy subscription, a worker in the CRM's scope that
 * follows the event log from the subscription's position and delivers each matching event, in order, retrying on
 * the schedule; after the last retry the subscription is marked failing and its worker stops there. */
export const makeWebhooks = (
  settings: WebhookSettings
): Effect.Effect<
  WebhooksService,
  StorageError,
  SqlClient.SqlClient | Access | IdGenerator | EventLog | EventFeed | ClientRepository | ProjectRepository | Scope.Scope
> =>
  Effect.gen(function* () {
    const store = yield* makeStore
    const access = yield* Access
    const ids = yield* IdGenerator
    const log = yield* EventLog
    const clients = yield* ClientRepository
    const projects = yield* ProjectRepository
    const feed = yield* EventFeed
    const allowList: AllowList = parseAllowList(settings.allowedNetworks)
    const workers = yield* FiberMap.make<SubscriptionId>()

    const recorder = yield* makeRecorder(store)
    const admin = access.require("api_key.manage")

    const load = (id: SubscriptionId) =>
      Effect.flatMap(store.find(id), (found) =>
        Option.isSome(found) ? Effect.succeed(found.value) : Effect.fail(WebhookNotFound.of("subscription", id))
      )

    const secretsOf = (stored: StoredSubscription, at: DateTime.Utc): ReadonlyArray<string> => {
      const until = stored.subscription.previousSecretValidUntil
      return stored.previousSecret !== null && until !== null && DateTime.lessThan(at, until)
        ? [stored.secret, stored.previousSecret]
        : [stored.secret]
    }

    // The body of an event is the same for every subscription (only the signature differs): made once.
    const bodies = new Map<number, string>()
    const bodyOf = (event: DomainEvent) => {
      const cached = bodies.get(event.sequence)
      if (cached !== undefined) return cached
      const data = encodeEvent(event)
      const body = JSON.stringify({ type: event.type, timestamp: data.occurredAt, data })
      if (bodies.size >= BODY_CACHE) bodies.delete(bodies.keys().next().value!)
      bodies.set(event.sequence, body)
      return body
    }

    /** One attempt of one event, logged. */
    const attemptOnce = (stored: StoredSubscription, event: DomainEvent, attempt: number, agent?: Agent) =>
      Effect.gen(function* () {
        // Effect's clock, as everywhere in the CRM (the real one in production: receivers check the timestamp).
        const at = yield* DateTime.now
        const messageId = messageIdOf(stored.subscription.id, event.sequence)
        const body = bodyOf(event)
        const headers = signedHeaders(
          secretsOf(stored, at),
          messageId,
          Math.floor(DateTime.toEpochMillis(at) / 1000),
          body
        )
        const result = yield* Effect.promise(() =>
          send(new URL(stored.subscription.url), headers, body, allowList, settings.timeoutMs, agent)
        )
        const record = new DeliveryAttempt(
          {
            id: `wha_${yield* ids.next}` as AttemptId,
            subscriptionId: stored.subscription.id,
            messageId,
            sequence: event.sequence,
            eventType: event.type,
            attempt,
            succeeded: result.error === null,
            statusCode: result.statusCode,
            latencyMs: result.latencyMs,
            error: result.error,
            attemptedAt: at
          },
          // Made here from checked values: validating it again cost a delivery ~30 µs.
          true
        )
        yield* recorder.attempt(record)
        return record
      })

    class Exhausted {
      readonly _tag = "Exhausted"
    }

    /** Delivers one event with the retries of the schedule; fails with `Exhausted` after the last. */
    const deliver = (stored: StoredSubscription, event: DomainEvent, agent: Agent) =>
      Effect.gen(function* () {
        for (let attempt = 1; ; attempt++) {
          const result = yield* attemptOnce(stored, event, attempt, agent)
          if (result.succeeded) return
          const wait = settings.retryScheduleMs[attempt - 1]
          if (wait === undefined) return yield* Effect.fail(new Exhausted())
          yield* Effect.sleep(Duration.millis(jittered(wait)))
        }
      })

    const matches = (stored: StoredSubscription, event: DomainEvent) =>
      stored.subscription.eventTypes.some((pattern) => eventTypeMatches(pattern, event.type))

    /** Delivers a subscription's events from its position, in order, until one exhausts its retries (then the
     * subscription is marked failing and the worker ends). Events come from the CRM's shared feed: read from the
     * log while the worker catches up, handed over as they commit once it has; a worker that falls more than
     * `BUFFER` events behind is dropped by the feed and starts again from its position. */
    const worker = (stored: StoredSubscription) =>
      Effect.gen(function* () {
        const id = stored.subscription.id
        const filter = {
          ...(stored.subscription.clientId === null ? {} : { clientId: stored.subscription.clientId }),
          ...(stored.subscription.projectId === null ? {} : { projectId: stored.subscription.projectId })
        }
        // One connection per subscription, kept alive between deliveries.
        const agent = yield* Effect.acquireRelease(
          Effect.sync(() =>
            stored.subscription.url.startsWith("https:")
              ? new HttpsAgent({ keepAlive: true, maxSockets: 1 })
              : new HttpAgent({ keepAlive: true, maxSockets: 1 })
          ),
          (a) => Effect.sync(() => a.destroy())
        )
        let position = stored.subscription.position
        while (true) {
          yield* Effect.scoped(
            Effect.gen(function* () {
              const queue = yield* Effect.acquireRelease(
                Queue.bounded<ReadonlyArray<DomainEvent> | null>(BUFFER),
                Queue.shutdown
              )
              yield* Effect.forkScoped(
                feed
                  .subscribe(position, filter, {
                    catchUp: (events) => Queue.offer(queue, events),
                    live: (events) => Queue.unsafeOffer(queue, events),
                    // Dropped or failed: the worker finishes what it holds, then starts again from its position.
                    ended: () => void Effect.runFork(Queue.offer(queue, null))
                  })
                  .pipe(Effect.provideService(Actor, Actor.system), Effect.ignore)
              )
              while (true) {
                const events = yield* Queue.take(queue)
                if (events === null) return
                for (const event of events) {
                  if (matches(stored, event)) yield* deliver(stored, event, agent)
                  position = event.sequence
                  yield* recorder.advance(id, position)
                }
              }
            })
          )
          // Dropped by the feed (or it could not read the log): a breath, then on from the position.
          yield* Effect.sleep(Duration.millis(10))
        }
      }).pipe(
        Effect.scoped,
        Effect.catchAll(() => Effect.flatMap(DateTime.now, (at) => store.markFailing(stored.subscription.id, at)))
      )

    /** (Re)starts the worker of a subscription from its stored state, or stops it when it should not run. */
    const restart = (id: SubscriptionId) =>
      Effect.flatMap(
        Effect.zipRight(FiberMap.remove(workers, id), Effect.zipRight(recorder.flush, store.find(id))),
        (found) =>
          Option.isSome(found) && found.value.subscription.active && found.value.subscription.state === "healthy"
            ? FiberMap.run(workers, id, worker(found.value))
            : FiberMap.remove(workers, id)
      ).pipe(Effect.asVoid)

    for (const stored of yield* store.all) {
      if (stored.subscription.active && stored.subscription.state === "healthy") {
        yield* FiberMap.run(workers, stored.subscription.id, worker(stored))
      }
    }

    const checkReferences = (input: {
      readonly clientId?: ClientId | null | undefined
      readonly projectId?: ProjectId | null | undefined
    }) =>
      Effect.gen(function* () {
        if (input.clientId != null && Option.isNone(yield* clients.findById(input.clientId))) {
          return yield* Effect.fail(ReferencedEntityMissing.of("clientId", "client", input.clientId))
        }
        if (input.projectId != null && Option.isNone(yield* projects.findById(input.projectId))) {
          return yield* Effect.fail(ReferencedEntityMissing.of("projectId", "project", input.projectId))
        }
      })

    const now = DateTime.now

    const service: WebhooksService = {
      create: (input) =>
        Effect.gen(function* () {
          yield* admin
          yield* checkReferences(input)
          const at = yield* now
          const latest = yield* log.latestSequence
          if (input.fromSequence !== undefined && input.fromSequence > latest) {
            return yield* Effect.fail(pastTheLog("fromSequence", latest))
          }
          const position = input.fromSequence ?? latest
          const secret = newSecret()
          const subscription = new Subscription({
            id: `whs_${yield* ids.next}` as SubscriptionId,
            url: input.url,
            eventTypes: input.eventTypes,
            clientId: input.clientId ?? null,
            projectId: input.projectId ?? null,
            active: input.active ?? true,
            state: "healthy",
            failingSince: null,
            position,
            previousSecretValidUntil: null,
            createdAt: at,
            updatedAt: at
          })
          yield* store.save({ subscription, secret, previousSecret: null })
          yield* restart(subscription.id)
          return new CreatedSubscription({ subscription, secret })
        }),
      list: (query) =>
        Effect.gen(function* () {
          yield* admin
          const limit = yield* limitOf(query.limit)
          const after = yield* cursorOf(query.cursor)
          const rows = yield* store.page(after as SubscriptionId | null, limit + 1)
          const items = rows.slice(0, limit).map((row) => row.subscription)
          const last = items[items.length - 1]
          return {
            items,
            nextCursor: rows.length > limit && last !== undefined ? idCursor.encode(last.id) : null
          }
        }),
      get: (id) =>
        Effect.zipRight(
          admin,
          Effect.map(load(id), (stored) => stored.subscription)
        ),
      update: (id, patch) =>
        Effect.gen(function* () {
          yield* admin
          const stored = yield* load(id)
          yield* checkReferences(patch)
          const current = stored.subscription
          const reactivated = patch.active === true && (!current.active || current.state === "failing")
          const subscription = new Subscription({
            ...current,
            ...(patch.url === undefined ? {} : { url: patch.url }),
            ...(patch.eventTypes === undefined ? {} : { eventTypes: patch.eventTypes }),
            ...(patch.clientId === undefined ? {} : { clientId: patch.clientId }),
            ...(patch.projectId === undefined ? {} : { projectId: patch.projectId }),
            ...(patch.active === undefined ? {} : { active: patch.active }),
            ...(reactivated ? { state: "healthy" as const, failingSince: null } : {}),
            updatedAt: yield* now
          })
          yield* store.save({ ...stored, subscription })
          yield* restart(id)
          return (yield* load(id)).subscription
        }),
      remove: (id) =>
        Effect.gen(function* () {
          yield* admin
          yield* load(id)
          yield* FiberMap.remove(workers, id)
          yield* store.remove(id)
        }),
      rotateSecret: (id, overlapSeconds) =>
        Effect.gen(function* () {
          yield* admin
          const stored = yield* load(id)
          const at = yield* now
          const secret = newSecret()
          const overlap = overlapSeconds ?? DEFAULT_OVERLAP_SECONDS
          const subscription = new Subscription({
            ...stored.subscription,
            previousSecretValidUntil: overlap === 0 ? null : DateTime.addDuration(at, Duration.seconds(overlap)),
            updatedAt: at
          })
          yield* store.save({ subscription, secret, previousSecret: overlap === 0 ? null : stored.secret })
          // The worker signs with what it loaded: restart it with the new secrets.
          yield* restart(id)
          return new RotatedSecret({ subscription: (yield* load(id)).subscription, secret })
        }),
      deliveries: (id, query) =>
        Effect.gen(function* () {
          yield* admin
          yield* load(id)
          const limit = yield* limitOf(query.limit)
          const before = yield* cursorOf(query.cursor)
          const rows = yield* store.attempts(id, before as AttemptId | null, limit + 1)
          const items = rows.slice(0, limit)
          const last = items[items.length - 1]
          return {
            items,
            nextCursor: rows.length > limit && last !== undefined ? idCursor.encode(last.id) : null
          }
        }),
      replayFrom: (id, fromSequence) =>
        Effect.gen(function* () {
          yield* admin
          const stored = yield* load(id)
          const latest = yield* log.latestSequence
          if (fromSequence > latest) return yield* Effect.fail(pastTheLog("fromSequence", latest))
          yield* FiberMap.remove(workers, id)
          yield* recorder.forget(id)
          yield* store.save({
            ...stored,
            subscription: new Subscription({
              ...stored.subscription,
              state: "healthy",
              failingSince: null,
              updatedAt: yield* now
            })
          })
          yield* store.setPosition(id, fromSequence - 1)
          yield* restart(id)
          return (yield* load(id)).subscription
        }),
      replayAttempt: (attemptId) =>
        Effect.gen(function* () {
          yield* admin
          const found = yield* store.attempt(attemptId)
          if (Option.isNone(found)) return yield* Effect.fail(WebhookNotFound.of("delivery", attemptId))
          const original = found.value
          const stored = yield* load(original.subscriptionId)
          const [event] = yield* log.readAfter(original.sequence - 1, 1, {})
          if (event === undefined || event.sequence !== original.sequence) {
            return yield* Effect.fail(WebhookNotFound.of("event", String(original.sequence)))
          }
          return yield* attemptOnce(stored, event, original.attempt + 1)
        })
    }
    return service
  })
