import { assert, describe, it } from "@effect/vitest"
import { Effect, TestClock } from "effect"
import { aTaskWorld, bearer, keyOfNewMember, type Reply, send, TestServer } from "./support.js"

const withKey = (key: string, extra: Record<string, string> = {}) => ({ "idempotency-key": key, ...extra })

const clientNames = Effect.map(send("GET", "/clients?limit=200"), (reply) =>
  (reply.body["items"] as ReadonlyArray<{ readonly name: string }>).map((c) => c.name)
)

describe("Idempotency-Key on POST", () => {
  it.live("20 requests at once with one key: exactly one runs, all get its answer", () =>
    Effect.gen(function* () {
      const body = JSON.stringify({ name: "Once Only" })
      const replies = yield* Effect.all(
        Array.from({ length: 20 }, () => send("POST", "/clients", body, withKey("create-once-1"))),
        { concurrency: "unbounded" }
      )
      assert.deepStrictEqual([...new Set(replies.map((r) => r.status))], [201])
      assert.strictEqual(new Set(replies.map((r) => r.body["id"])).size, 1)
      assert.strictEqual(replies.filter((r) => r.headers.get("idempotent-replayed") === "true").length, 19)
      // The replayed answers are the first one, ETag included.
      assert.deepStrictEqual([...new Set(replies.map((r) => r.headers.get("etag")))], ['"1"'])
      assert.deepStrictEqual(
        (yield* clientNames).filter((name) => name === "Once Only"),
        ["Once Only"]
      )
    }).pipe(Effect.provide(TestServer()))
  )

  it.effect("the same key with another body or target is a 422 and runs nothing", () =>
    Effect.gen(function* () {
      const first = yield* send("POST", "/clients", JSON.stringify({ name: "Acme" }), withKey("k-1"))
      assert.strictEqual(first.status, 201)
      const otherBody = yield* send("POST", "/clients", JSON.stringify({ name: "Globex" }), withKey("k-1"))
      assert.strictEqual(otherBody.status, 422)
      assert.strictEqual(otherBody.body._tag, "IdempotencyKeyReused")
      const otherTarget = yield* send(
        "POST",
        "/team-members",
        JSON.stringify({ name: "Acme", email: "acme@agency.test" }),
        withKey("k-1")
      )
      assert.strictEqual(otherTarget.status, 422)
      assert.deepStrictEqual(yield* clientNames, ["Acme"])
      const team = yield* send("GET", "/team-members?limit=200")
      assert.isFalse(JSON.stringify(team.body).includes("acme@agency.test"))
    }).pipe(Effect.provide(TestServer()))
  )

  it.effect("keys belong to the API key that sent them", () =>
    Effect.gen(function* () {
      const martaKey = yield* keyOfNewMember("Marta", "manager")
      const body = JSON.stringify({ name: "Shared Key Name" })
      const mine = yield* send("POST", "/clients", body, withKey("same"))
      const hers = yield* send("POST", "/clients", body, withKey("same", bearer(martaKey)))
      assert.strictEqual(mine.status, 201)
      assert.strictEqual(hers.status, 201)
      assert.notStrictEqual(mine.body["id"], hers.body["id"])
      assert.isNull(hers.headers.get("idempotent-replayed"))
    }).pipe(Effect.provide(TestServer()))
  )

  it.effect("a refused request stores nothing: the retry runs again", () =>
    Effect.gen(function* () {
      const invalid = JSON.stringify({ name: "" })
      const refused = yield* send("POST", "/clients", invalid, withKey("k-2"))
      assert.strictEqual(refused.status, 400)
      // The same failing request fails again the same way; a corrected one under the same key runs.
      assert.strictEqual((yield* send("POST", "/clients", invalid, withKey("k-2"))).status, 400)
      const corrected = yield* send("POST", "/clients", JSON.stringify({ name: "Fixed" }), withKey("k-2"))
      assert.strictEqual(corrected.status, 201)
      assert.deepStrictEqual(yield* clientNames, ["Fixed"])
      // Without a valid API key the request is refused before anything is kept.
      const anonymous = yield* send("POST", "/clients", JSON.stringify({ name: "Anon" }), {
        ...withKey("k-3"),
        authorization: ""
      })
      assert.strictEqual(anonymous.status, 401)
    }).pipe(Effect.provide(TestServer()))
  )

  it.effect("an action replayed changes nothing twice: one transition, one event", () =>
    Effect.gen(function* () {
      const { task } = yield* aTaskWorld
      const move = () =>
        send("POST", `/tasks/${task.id}/transition`, JSON.stringify({ to: "in_progress" }), withKey("move-1"))
      const [first, second]: ReadonlyArray<Reply> = [yield* move(), yield* move()]
      assert.strictEqual(first!.status, 200)
      assert.strictEqual(second!.status, 200)
      assert.strictEqual(second!.headers.get("idempotent-replayed"), "true")
      assert.deepStrictEqual(second!.body, first!.body)
      const history = yield* send("GET", `/history/task/${task.id}`)
      const types = (history.body["items"] as ReadonlyArray<{ readonly type: string }>).map((e) => e.type)
      assert.deepStrictEqual(types, ["task.status_changed", "task.created"])
    }).pipe(Effect.provide(TestServer()))
  )

  it.effect("a key is kept 24 hours; after that it names a new request", () =>
    Effect.gen(function* () {
      yield* TestClock.setTime(Date.parse("2026-03-02T09:00:00Z"))
      const body = JSON.stringify({ name: "Daily" })
      assert.strictEqual((yield* send("POST", "/clients", body, withKey("daily"))).status, 201)
      yield* TestClock.adjust("23 hours")
      const replayed = yield* send("POST", "/clients", body, withKey("daily"))
      assert.strictEqual(replayed.headers.get("idempotent-replayed"), "true")
      yield* TestClock.adjust("2 hours")
      const again = yield* send("POST", "/clients", body, withKey("daily"))
      assert.strictEqual(again.status, 201)
      assert.isNull(again.headers.get("idempotent-replayed"))
      assert.deepStrictEqual(yield* clientNames, ["Daily", "Daily"])
    }).pipe(Effect.provide(TestServer()))
  )

  it.effect("a malformed key is a 400 on the header; other methods ignore it", () =>
    Effect.gen(function* () {
      for (const key of ["", "x".repeat(256), "with space", "tab\tkey", "é"]) {
        const reply = yield* send("POST", "/clients", JSON.stringify({ name: "X" }), withKey(key))
        assert.strictEqual(reply.status, 400, JSON.stringify(key))
        assert.strictEqual(reply.body._tag, "ValidationFailed")
        assert.strictEqual((reply.body["issues"] as Array<{ path: string }>)[0]!.path, "idempotency-key")
      }
      // A structured-field string is the draft standard's form of the same key.
      const quoted = yield* send("POST", "/clients", JSON.stringify({ name: "Q" }), withKey('"quoted key"'))
      assert.strictEqual(quoted.status, 201)
      assert.strictEqual((yield* send("GET", "/clients", undefined, withKey("with space"))).status, 200)
      assert.deepStrictEqual(yield* clientNames, ["Q"])
    }).pipe(Effect.provide(TestServer()))
  )
})
