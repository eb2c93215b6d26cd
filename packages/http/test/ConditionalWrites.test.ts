import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { aTaskWorld, send, TestServer } from "./support.js"

const aTask = Effect.map(aTaskWorld, (world) => world.task)

describe("conditional writes (If-Match)", () => {
  it.effect("* matches any current version; a list of tags naming one version is that version", () =>
    Effect.gen(function* () {
      const task = yield* aTask
      const path = `/tasks/${task.id}`
      for (let version = 1; version <= 3; version++) {
        const reply = yield* send("PATCH", path, JSON.stringify({ title: `T${version}` }), { "if-match": "*" })
        assert.strictEqual(reply.status, 200)
        assert.strictEqual(reply.headers.get("etag"), `"${version + 1}"`)
      }
      const listed = yield* send("PATCH", path, JSON.stringify({ title: "T5" }), { "if-match": '"4", W/"4"' })
      assert.strictEqual(listed.status, 200)
      const stale = yield* send("PATCH", path, JSON.stringify({ title: "T6" }), { "if-match": '"4"' })
      assert.strictEqual(stale.status, 412)
      assert.strictEqual(stale.body._tag, "PreconditionFailed")
      // On a missing entity the request fails as it would without the header.
      const missing = yield* send("PATCH", "/tasks/00000000-0000-7000-8000-0000000000ff", "{}", { "if-match": "*" })
      assert.strictEqual(missing.status, 404)
      for (const bad of ['"0"', "", "W/", '"1" "2"', "**"]) {
        const reply = yield* send("PATCH", path, JSON.stringify({ title: "x" }), { "if-match": bad })
        assert.strictEqual(reply.status, 400, bad)
        assert.strictEqual(reply.body._tag, "ValidationFailed")
      }
      const remove = yield* send("DELETE", path, undefined, { "if-match": "*" })
      assert.strictEqual(remove.status, 204)
    }).pipe(Effect.provide(TestServer()))
  )

  it.effect("a server that requires If-Match refuses blind writes with 428, and takes * or the ETag", () =>
    Effect.gen(function* () {
      const task = yield* aTask
      const path = `/tasks/${task.id}`
      const cases = [
        ["PATCH", path, JSON.stringify({ title: "Blind" })],
        ["POST", `${path}/transition`, JSON.stringify({ to: "in_progress" })],
        ["POST", `${path}/assign`, JSON.stringify({ assigneeId: null })],
        ["DELETE", path, undefined]
      ] as const
      for (const [method, target, body] of cases) {
        const reply = yield* send(method, target, body)
        assert.strictEqual(reply.status, 428, `${method} ${target}`)
        assert.strictEqual(reply.body._tag, "PreconditionRequired")
      }
      assert.strictEqual((yield* send("GET", path)).body["title"], "Audit")
      assert.strictEqual(
        (yield* send("PATCH", path, JSON.stringify({ title: "Seen" }), { "if-match": '"1"' })).status,
        200
      )
      assert.strictEqual(
        (yield* send("POST", `${path}/transition`, JSON.stringify({ to: "in_progress" }), { "if-match": "*" })).status,
        200
      )
      // Creating needs no If-Match: there is nothing to have seen.
      assert.strictEqual((yield* send("POST", "/clients", JSON.stringify({ name: "New" }))).status, 201)
    }).pipe(Effect.provide(TestServer({ requireIfMatch: true })))
  )
})
