import { type ActorIdentity, Codec, DomainEvent, type EventSink } from "@agency-crm/core"
import { Duration, Effect, Either, Fiber, Queue, Schedule, type Scope } from "effect"
import { TooManyRequests } from "../api/errors.js"

/** Limits and pacing of the live event streams (`GET /events`). */
export interface EventStreamOptions {
  /** Streams one API key may hold open at once (429 past it). Default 10. */
  readonly maxPerKey?: number | undefined
  /** Streams the server holds open at once (429 past it). Default 1,000. */
  readonly maxTotal?: number | undefined
  /** Frames a stream may hold for a client that reads slower than events arrive; past it the stream is closed
   * and the client resumes with `Last-Event-ID`. Default 1,000. */
  readonly maxBuffered?: number | undefined
  /** How often every stream gets a keep-alive comment, so proxies keep idle connections. Default 15 s. */
  readonly keepAliveMs?: number | undefined
}

const encodeEvent = Codec.encoder(DomainEvent)
const utf8 = new TextEncoder()

// One encoding per event, shared by every stream it goes to: the feed hands the same event object to all.
const frames = new WeakMap<DomainEvent, Uint8Array>()

/** One Server-Sent Event: its id is the log sequence, so `Last-Event-ID` resumes exactly after it. */
export const frameOf = (event: DomainEvent): Uint8Array => {
  const cached = frames.get(event)
  if (cached !== undefined) return cached
  // Events come from our own log: one that does not encode is a defect.
  const data = JSON.stringify(Either.getOrThrow(encodeEvent(event)))
  const frame = utf8.encode(`id: ${event.sequence}\nevent: ${event.type}\ndata: ${data}\n\n`)
  frames.set(event, frame)
  return frame
}

/** The comment a stream starts with, so a client sees the connection is open before any event. */
export const CONNECTED = utf8.encode(": connected\n\n")
const KEEPALIVE = utf8.encode(": keepalive\n\n")

/** The open event streams of one server: counted per API key and in all, and kept alive by one shared timer. */
export const makeEventStreams = (options: EventStreamOptions = {}) =>
  Effect.gen(function* () {
    const maxPerKey = options.maxPerKey ?? 10
    const maxTotal = options.maxTotal ?? 1_000
    const maxBuffered = options.maxBuffered ?? 1_000
    const open = new Set<Queue.Queue<Uint8Array>>()
    const perKey = new Map<string, number>()

    const scope = yield* Effect.scope
    // One timer for every stream, running only while some stream is open.
    const keepAlive = Effect.repeat(
      Effect.sync(() => {
        for (const queue of open) queue.unsafeOffer(KEEPALIVE)
      }),
      Schedule.spaced(Duration.millis(options.keepAliveMs ?? 15_000))
    )
    let ticker: Fiber.RuntimeFiber<unknown> | null = null

    const refuse = (message: string) => new TooManyRequests({ retryAfterSeconds: 5, message })

    /** Opens a stream's queue for `actor`, within the caller's scope; refused with 429 over a limit. */
    const openStream = (actor: ActorIdentity): Effect.Effect<Queue.Queue<Uint8Array>, TooManyRequests, Scope.Scope> =>
      Effect.gen(function* () {
        const owner = actor._tag === "Member" ? (actor.apiKeyId ?? actor.memberId) : "system"
        const queue = yield* Effect.acquireRelease(
          Effect.flatMap(Queue.bounded<Uint8Array>(maxBuffered), (queue) => {
            const held = perKey.get(owner) ?? 0
            if (held >= maxPerKey) {
              return Effect.fail(refuse(`this API key already holds ${maxPerKey} open event streams; close one first`))
            }
            if (open.size >= maxTotal) {
              return Effect.fail(refuse(`the server holds its maximum of ${maxTotal} open event streams; retry later`))
            }
            perKey.set(owner, held + 1)
            open.add(queue)
            if (ticker !== null) return Effect.succeed(queue)
            return Effect.map(Effect.forkIn(Effect.interruptible(keepAlive), scope), (fiber) => {
              ticker = fiber
              return queue
            })
          }),
          (queue) =>
            Effect.zipRight(
              Queue.shutdown(queue),
              Effect.suspend(() => {
                open.delete(queue)
                const held = (perKey.get(owner) ?? 1) - 1
                if (held === 0) perKey.delete(owner)
                else perKey.set(owner, held)
                if (open.size > 0 || ticker === null) return Effect.void
                const stopping = ticker
                ticker = null
                return Fiber.interrupt(stopping)
              })
            )
        )
        queue.unsafeOffer(CONNECTED)
        return queue
      })

    /** The feed's sink for a stream's queue: catch-up waits for the client, live events never do, and a client
     * too far behind, or a log that cannot be read, ends the stream. */
    const sinkOf = (queue: Queue.Queue<Uint8Array>): EventSink => ({
      catchUp: (events) => Effect.asVoid(Queue.offerAll(queue, events.map(frameOf))),
      live: (events) => events.every((event) => queue.unsafeOffer(frameOf(event))),
      ended: () => Effect.runSync(Queue.shutdown(queue))
    })

    return {
      openStream,
      sinkOf,
      /** How many streams are open now. */
      openCount: Effect.sync(() => open.size)
    } as const
  })
