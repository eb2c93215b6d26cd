import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { baseUrl, bearer, client, keyFor, keyOfNewMember, send, TestServer } from "./support.js"

interface SseEvent {
  readonly id: number
  readonly event: string
  readonly data: { readonly type: string; readonly entityId: string; readonly sequence: number }
}

/** Opens `GET /events` and reads events as they arrive. */
const subscribe = (url: string, headers: Record<string, string>, key?: string) => {
  const controller = new AbortController()
  const received: Array<SseEvent> = []
  const ready = fetch(url, { headers: { ...bearer(key), ...headers }, signal: controller.signal }).then(
    async (response) => {
      const reader = response.body!.getReader()
      const decoder = new TextDecoder()
      let buffer = ""
      const pump = async (): Promise<void> => {
        const { done, value } = await reader.read()
        if (done) return
        buffer += decoder.decode(value, { stream: true })
        let cut = buffer.indexOf("\n\n")
        while (cut >= 0) {
          const block = buffer.slice(0, cut)
          buffer = buffer.slice(cut + 2)
          const fields = Object.fromEntries(
            block
              .split("\n")
              .filter((line) => !line.startsWith(":") && line.includes(": "))
              .map((line) => [line.slice(0, line.indexOf(": ")), line.slice(line.indexOf(": ") + 2)])
          )
          if (fields["id"] !== undefined) {
            received.push({ id: Number(fields["id"]), event: fields["event"]!, data: JSON.parse(fields["data"]!) })
          }
          cut = buffer.indexOf("\n\n")
        }
        return pump()
      }
      void pump().catch(() => undefined)
      return response
    }
  )
  return { controller, received, ready }
}

const waitFor = (condition: () => boolean) =>
  Effect.promise(async () => {
    for (let i = 0; i < 200 && !condition(); i++) await new Promise((r) => setTimeout(r, 10))
    return condition()
  })

describe("live updates (Server-Sent Events)", () => {
  it.live("a project subscriber sees a task status change, and resumes with Last-Event-ID without gaps", () =>
    Effect.gen(function* () {
      const api = yield* client()
      const marta = yield* api.team.create({ payload: { name: "Marta", email: "marta@agency.test" } })
      const acme = yield* api.clients.create({ payload: { name: "Acme", kind: "client" } })
      const project = yield* api.projects.create({
        payload: { clientId: acme.id, name: "Campaign", campaignType: "seo", managerId: marta.id }
      })
      const other = yield* api.projects.create({
        payload: { clientId: acme.id, name: "Other", campaignType: "sem", managerId: marta.id }
      })
      const task = yield* api.tasks.create({ payload: { projectId: project.id, title: "Audit" } })
      const url = `${yield* baseUrl}/events?projectId=${project.id}`

      const first = subscribe(url, {})
      const response = yield* Effect.promise(() => first.ready)
      assert.strictEqual(response.status, 200)
      assert.include(response.headers.get("content-type") ?? "", "text/event-stream")
      yield* api.tasks.transition({ path: { id: task.id }, headers: {}, payload: { to: "in_progress" } })
      yield* api.tasks.create({ payload: { projectId: other.id, title: "Not followed" } })
      assert.isTrue(yield* waitFor(() => first.received.length >= 1))
      const seen = first.received[0]!
      assert.strictEqual(seen.event, "task.status_changed")
      assert.strictEqual(seen.data.entityId, task.id)
      assert.strictEqual(seen.id, seen.data.sequence)
      first.controller.abort()

      // Written while the subscriber is away: two for the project, one elsewhere.
      yield* api.tasks.transition({ path: { id: task.id }, headers: {}, payload: { to: "in_review" } })
      yield* api.tasks.create({ payload: { projectId: other.id, title: "Still not followed" } })
      const second = yield* api.tasks.create({ payload: { projectId: project.id, title: "Report" } })

      const resumed = subscribe(url, { "last-event-id": String(seen.id) })
      yield* Effect.promise(() => resumed.ready)
      assert.isTrue(yield* waitFor(() => resumed.received.length >= 2))
      assert.deepStrictEqual(
        resumed.received.map((e) => [e.event, e.data.entityId]),
        [
          ["task.status_changed", task.id],
          ["task.created", second.id]
        ]
      )
      const ids = resumed.received.map((e) => e.id)
      assert.isTrue(ids.every((id) => id > seen.id))
      resumed.controller.abort()
    }).pipe(Effect.provide(TestServer()))
  )

  it.live("a viewer's stream leaves out API-key events, and so does the history of a key", () =>
    Effect.gen(function* () {
      const api = yield* client()
      const vera = yield* api.team.create({ payload: { name: "Vera", email: "vera@agency.test", role: "viewer" } })
      const veraKey = yield* keyFor(vera.id)
      const url = `${yield* baseUrl}/events`
      const asViewer = subscribe(url, {}, veraKey)
      const asAdmin = subscribe(url, {})
      yield* Effect.promise(() => Promise.all([asViewer.ready, asAdmin.ready]))
      const key = yield* api.apiKeys.create({ payload: { memberId: vera.id, name: "second" } })
      yield* api.apiKeys.revoke({ path: { id: key.apiKey.id } })
      const client1 = yield* api.clients.create({ payload: { name: "Marker" } })
      assert.isTrue(yield* waitFor(() => asViewer.received.some((e) => e.data.entityId === client1.id)))
      assert.isTrue(yield* waitFor(() => asAdmin.received.some((e) => e.data.entityId === client1.id)))
      assert.deepStrictEqual(
        asViewer.received.map((e) => e.event),
        ["client.created"]
      )
      assert.deepStrictEqual(
        asAdmin.received.map((e) => e.event),
        ["api_key.created", "api_key.revoked", "client.created"]
      )
      // Resuming from the start replays the log with the same rule.
      const replay = subscribe(`${url}?after=0`, {}, veraKey)
      assert.isTrue(yield* waitFor(() => replay.received.some((e) => e.data.entityId === client1.id)))
      assert.isFalse(replay.received.some((e) => e.event.startsWith("api_key.")))
      for (const stream of [asViewer, asAdmin, replay]) stream.controller.abort()
      // The key's history: the admin's to read, not the viewer's.
      const history = `/history/api_key/${key.apiKey.id}`
      assert.strictEqual((yield* send("GET", history, undefined, bearer(veraKey))).status, 403)
      assert.strictEqual((yield* send("GET", history)).status, 200)
    }).pipe(Effect.provide(TestServer()))
  )

  it.live("open streams are limited per API key and in all: 429 with Retry-After past a limit", () =>
    Effect.gen(function* () {
      const veraKey = yield* keyOfNewMember("Vera", "viewer")
      const url = `${yield* baseUrl}/events`
      const a1 = subscribe(url, {})
      const a2 = subscribe(url, {})
      assert.deepStrictEqual(
        (yield* Effect.promise(() => Promise.all([a1.ready, a2.ready]))).map((r) => r.status),
        [200, 200]
      )
      // A third stream for the same key is over the per-key limit of 2.
      const perKey = yield* send("GET", "/events")
      assert.strictEqual(perKey.status, 429)
      assert.strictEqual(perKey.headers.get("retry-after"), "5")
      assert.strictEqual(perKey.body._tag, "TooManyRequests")
      // Another key may open one, which reaches the total of 3; then nobody may.
      const v1 = subscribe(url, {}, veraKey)
      assert.strictEqual((yield* Effect.promise(() => v1.ready)).status, 200)
      const total = yield* send("GET", "/events", undefined, bearer(veraKey))
      assert.strictEqual(total.status, 429)
      assert.include(String(total.body.message), "maximum of 3")
      // Closing a stream frees its place.
      a1.controller.abort()
      const reopened = yield* Effect.promise(async () => {
        for (let i = 0; i < 200; i++) {
          const attempt = subscribe(url, {}, veraKey)
          const response = await attempt.ready
          if (response.status === 200) return attempt
          await new Promise((r) => setTimeout(r, 10))
        }
        return null
      })
      assert.isNotNull(reopened)
      assert.strictEqual((yield* send("GET", "/events", undefined, { "last-event-id": "0x10" })).status, 400)
      for (const stream of [a2, v1, reopened!]) stream.controller.abort()
    }).pipe(Effect.provide(TestServer({ eventStreams: { maxPerKey: 2, maxTotal: 3 } })))
  )
})
