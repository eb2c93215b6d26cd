/** One event of the server's feed, as much as the app reads of it. */
export interface LiveEvent {
  readonly sequence: number
  readonly type: string
}

const RETRY_MS = 2_000

/**
 * Follows `GET /events` with a streamed `fetch` (an `EventSource` cannot send the `Authorization` header), calling
 * `onEvent` for each event; after a dropped connection it reconnects with `Last-Event-ID`, so nothing is missed.
 * `onState` says whether the feed is connected. Returns the function that stops it.
 */
export const follow = (
  apiKey: string,
  onEvent: (event: LiveEvent) => void,
  onState: (connected: boolean) => void
): (() => void) => {
  let stopped = false
  let controller: AbortController | null = null
  let last: number | null = null
  const connect = async () => {
    while (!stopped) {
      controller = new AbortController()
      try {
        const response = await fetch(`${location.origin}/events`, {
          headers: {
            authorization: `Bearer ${apiKey}`,
            accept: "text/event-stream",
            ...(last === null ? {} : { "last-event-id": String(last) })
          },
          signal: controller.signal
        })
        if (!response.ok || response.body === null) throw new Error(`events: ${response.status}`)
        onState(true)
        const reader = response.body.getReader()
        const decoder = new TextDecoder()
        let buffer = ""
        for (;;) {
          const { done, value } = await reader.read()
          if (done) break
          buffer += decoder.decode(value, { stream: true })
          let end: number
          while ((end = buffer.indexOf("\n\n")) >= 0) {
            const block = buffer.slice(0, end)
            buffer = buffer.slice(end + 2)
            const id = /^id: (\d+)$/m.exec(block)?.[1]
            const type = /^event: (.+)$/m.exec(block)?.[1]
            if (id !== undefined && type !== undefined) {
              last = Number(id)
              onEvent({ sequence: last, type })
            }
          }
        }
      } catch {
        // Dropped, refused or stopped: retried below unless stopped.
      }
      onState(false)
      if (!stopped) await new Promise((resume) => setTimeout(resume, RETRY_MS))
    }
  }
  void connect()
  return () => {
    stopped = true
    controller?.abort()
  }
}
