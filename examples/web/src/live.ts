import { createParser } from "eventsource-parser"

/** One event of the server's feed, as much as the app reads of it. */
export interface LiveEvent {
  readonly sequence: number
  readonly type: string
}

/** How `follow` reaches the server and how long it waits before reconnecting. */
export interface FollowOptions {
  readonly origin: string
  readonly apiKey: string
  readonly retryMs?: number
}

/**
 * Follows `GET /events` with a streamed `fetch` (an `EventSource` cannot send the `Authorization` header), calling
 * `onEvent` for each event; after a dropped connection it reconnects with `Last-Event-ID`, so nothing is missed.
 * `onState` says whether the feed is connected. Returns the function that stops it.
 */
export const follow = (
  { apiKey, origin, retryMs = 2_000 }: FollowOptions,
  onEvent: (event: LiveEvent) => void,
  onState: (connected: boolean) => void
): (() => void) => {
  let stopped = false
  let controller: AbortController | null = null
  let last: string | null = null
  const parser = createParser({
    onEvent: (message) => {
      if (message.id === undefined || message.event === undefined) return
      last = message.id
      onEvent({ sequence: Number(message.id), type: message.event })
    }
  })
  const connect = async () => {
    while (!stopped) {
      controller = new AbortController()
      // A frame cut in half by the drop is not an event: the resumed stream sends it whole.
      parser.reset()
      try {
        const response = await fetch(`${origin}/events`, {
          headers: {
            authorization: `Bearer ${apiKey}`,
            accept: "text/event-stream",
            ...(last === null ? {} : { "last-event-id": last })
          },
          signal: controller.signal
        })
        if (!response.ok || response.body === null) throw new Error(`events: ${response.status}`)
        onState(true)
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader()
        for (;;) {
          const { done, value } = await reader.read()
          if (done) break
          parser.feed(value)
        }
      } catch {
        // Dropped, refused or stopped: retried below unless stopped.
      }
      onState(false)
      if (!stopped) await new Promise((resume) => setTimeout(resume, retryMs))
    }
  }
  void connect()
  return () => {
    stopped = true
    controller?.abort()
  }
}
