import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { baseUrl, bearer, client, TestServer } from "./support.js"

interface SseEvent {
  readonly id: number
  readonly event: string
  readonly data: { readonly type: string; readonly entityId: string; readonly sequence: number }
}

/** Opens `GET /events` and reads events as they arrive. */
const subscribe = (url: string, headers: Record<string, string>) => {
  const controller = new AbortController()
  const received: Array<SseEvent> = []
  const ready = fetch(url, { headers: { ...bearer(), ...headers }, signal: controller.signal }).then(
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
})
