import { type ActorIdentity, Codec, DomainEvent, type EventSink } from "@agency-crm/core"
import { Effect, Either, type Scope } from "effect"
import { Readable } from "node:stream"
import { TooManyRequests } from "../api/errors.js"

/** Limits and pacing of the live event streams (`GET /events`). */
export interface EventStreamOptions {
  /** Streams one API key may hold open at once (429 past it). Default 10. */
  readonly maxPerKey?: number | undefined
  /** Streams the server holds open at once (429 past it). Default 1,000. */
  readonly maxTotal?: number | undefined
  /** Bytes a stream may hold for a client that reads slower than events arrive; past it the stream is closed
   * and the client resumes with `Last-Event-ID`. Default 1 MiB. */
  readonly maxBufferedBytes?: number | undefined
  /** How often every stream gets a keep-alive comment, so proxies keep idle connections. Default 15 s. */
  readonly keepAliveMs?: number | undefined
}

const encodeEvent = Codec.encoder(DomainEvent)
const utf8 = new TextEncoder()

// One encoding per event, shared by every stream it goes to: the feed hands the same event object to all.
const frames = new WeakMap<DomainEvent, Uint8Array>()

/** One Server-Sent Event: its id is the log sequence, so `Last-Event-ID` resumes exactly after it. */
const frameOf = (event: DomainEvent): Uint8Array => {
  const cached = frames.get(event)
  if (cached !== undefined) return cached
  // Events come from our own log: one that does not encode is a defect.
  const data = JSON.stringify(Either.getOrThrow(encodeEvent(event)))
  const frame = utf8.encode(`id: ${event.sequence}\nevent: ${event.type}\ndata: ${data}\n\n`)
  frames.set(event, frame)
  return frame
}

/** The comment a stream starts with, so a client sees the connection is open before any event. */
const CONNECTED = utf8.encode(": connected\n\n")
const KEEPALIVE = utf8.encode(": keepalive\n\n")

// A catch-up read waits for the client once this much is buffered.
const CATCH_UP_HIGH_WATER = 64 * 1024

/** One open stream: the body the response pipes to its connection, fed synchronously by the feed. */
export interface EventStream {
  readonly body: Readable
  readonly sink: EventSink
}

/**
 * The open event streams of one server: counted per API key and in all, kept alive by one shared timer. A
 * stream's body is a Node stream the server pipes to the connection, and the feed writes each event into it
 * straight from the shared tail: no fiber wakes per stream and event, so a write costs each open stream a filter
 * check and a buffered write of bytes encoded once.
 */
export const makeEventStreams = (options: EventStreamOptions = {}) =>
  Effect.gen(function* () {
    const maxPerKey = options.maxPerKey ?? 10
    const maxTotal = options.maxTotal ?? 1_000
    const maxBuffered = options.maxBufferedBytes ?? 1024 * 1024
    // The open streams' writers: each writes into its stream's body until the body has ended.
    const open = new Set<(frame: Uint8Array | null) => void>()
    const perKey = new Map<string, number>()

    let ticker: ReturnType<typeof setInterval> | null = null
    // One timer for every stream, running only while some stream is open; it holds no process open.
    const startTicker = () => {
      ticker = setInterval(() => {
        for (const write of open) write(KEEPALIVE)
      }, options.keepAliveMs ?? 15_000)
      ticker.unref()
    }
    yield* Effect.addFinalizer(() => Effect.sync(() => ticker !== null && clearInterval(ticker)))

    const refuse = (message: string) => new TooManyRequests({ retryAfterSeconds: 5, message })

    const release = (owner: string, write: (frame: Uint8Array | null) => void) =>
      Effect.sync(() => {
        open.delete(write)
        const held = (perKey.get(owner) ?? 1) - 1
        if (held === 0) perKey.delete(owner)
        else perKey.set(owner, held)
        if (open.size === 0 && ticker !== null) {
          clearInterval(ticker)
          ticker = null
        }
        // Ended here when the client left first; a no-op when the stream ended itself.
        write(null)
      })

    /** Opens a stream for `actor`, held for the caller's scope; refused with 429 over a limit. */
    const openStream = (actor: ActorIdentity): Effect.Effect<EventStream, TooManyRequests, Scope.Scope> => {
      const owner = actor._tag === "Member" ? (actor.apiKeyId ?? actor.memberId) : "system"
      const acquire = Effect.suspend(() => {
        const held = perKey.get(owner) ?? 0
        if (held >= maxPerKey) {
          return Effect.fail(refuse(`this API key already holds ${maxPerKey} open event streams; close one first`))
        }
        if (open.size >= maxTotal) {
          return Effect.fail(refuse(`the server holds its maximum of ${maxTotal} open event streams; retry later`))
        }
        let resumeCatchUp: (() => void) | null = null
        const body = new Readable({
          read() {
            resumeCatchUp?.()
            resumeCatchUp = null
          }
        })
        let ended = false
        // Nothing is written once the body has ended (an end of its own, or the client going away).
        const write = (frame: Uint8Array | null) => {
          if (ended || body.destroyed) return
          if (frame === null) ended = true
          body.push(frame)
        }
        perKey.set(owner, held + 1)
        open.add(write)
        if (ticker === null) startTicker()
        write(CONNECTED)
        const writeEvents = (events: ReadonlyArray<DomainEvent>) => {
          for (const event of events) write(frameOf(event))
        }
        const sink: EventSink = {
          catchUp: (events) =>
            Effect.suspend(() => {
              writeEvents(events)
              if (body.readableLength < CATCH_UP_HIGH_WATER || ended || body.destroyed) return Effect.void
              // Wait for the connection to take what is buffered: catch-up goes at the client's pace.
              return Effect.async<void>((resume) => {
                resumeCatchUp = () => resume(Effect.void)
              })
            }),
          live: (events) => {
            if (ended || body.destroyed || body.readableLength > maxBuffered) return false
            writeEvents(events)
            return true
          },
          // A client too far behind, or a log that cannot be read: the response ends; the client resumes.
          ended: () => write(null)
        }
        return Effect.succeed({ body, sink, write })
      })
      return Effect.acquireRelease(acquire, ({ write }) => release(owner, write))
    }

    return { openStream } as const
  })
