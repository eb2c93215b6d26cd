import { assert, describe, it } from "@effect/vitest"
import { OpenApi } from "@effect/platform"
import { Effect } from "effect"
import { request as httpRequest } from "node:http"
import { CrmApi } from "../src/index.js"
import { aTaskWorld, baseUrl, bearer, type Reply, send, TestServer } from "./support.js"

const json = (value: unknown) => JSON.stringify(value)

const world = aTaskWorld

const expectError = (reply: Reply, status: number, tag: string | ReadonlyArray<string>) => {
  assert.strictEqual(reply.status, status, JSON.stringify(reply.body))
  const tags = typeof tag === "string" ? [tag] : tag
  assert.include(tags, reply.body._tag, JSON.stringify(reply.body))
  assert.isString(reply.body.message)
  assert.isAbove(String(reply.body.message).length, 0)
}

describe("HTTP errors", () => {
  it.effect("every error status carries a tagged JSON body with a readable message", () =>
    Effect.gen(function* () {
      const { acme, marta, project, task } = yield* world
      // 400: invalid input names the failing field.
      const invalid = yield* send("POST", "/clients", json({ name: "Ok", email: "not-an-email" }))
      expectError(invalid, 400, "ValidationFailed")
      assert.include(JSON.stringify(invalid.body), "email")
      expectError(yield* send("POST", "/clients", '{"name": "Broken'), 400, "ValidationFailed")
      const unknown = yield* send("POST", "/clients", json({ name: "Ok", colour: "red" }))
      expectError(unknown, 400, "ValidationFailed")
      assert.include(JSON.stringify(unknown.body), "colour")
      for (const owned of [{ id: task.id }, { version: 3 }, { createdAt: "2026-01-01T00:00:00Z" }]) {
        expectError(yield* send("PATCH", `/tasks/${task.id}`, json({ title: "x", ...owned })), 400, "ValidationFailed")
      }
      const tooMany = yield* send("GET", "/tasks?limit=100000")
      expectError(tooMany, 400, "ValidationFailed")
      assert.include(JSON.stringify(tooMany.body), "limit")
      expectError(
        yield* send("PATCH", `/tasks/${task.id}`, json({ title: "x" }), { "if-match": "yesterday" }),
        400,
        "ValidationFailed"
      )
      // 401: no key, or a key that authenticates no one.
      expectError(yield* send("GET", "/tasks", undefined, { authorization: "" }), 401, "Unauthenticated")
      expectError(
        yield* send("POST", "/clients", json({ name: "Ok" }), bearer("acrm_" + "0".repeat(43))),
        401,
        "Unauthenticated"
      )
      // 404
      expectError(yield* send("GET", "/tasks/00000000-0000-7000-8000-0000000000ff"), 404, "NotFound")
      // 409: lifecycle, dependents, uniqueness.
      const transition = yield* send("POST", `/tasks/${task.id}/transition`, json({ to: "done" }))
      expectError(transition, 409, "InvalidTransition")
      assert.deepStrictEqual(transition.body["allowed"], ["in_progress", "blocked", "cancelled"])
      expectError(yield* send("DELETE", `/clients/${acme.id}`), 409, "HasDependents")
      expectError(
        yield* send("POST", "/team-members", json({ name: "X", email: "MARTA@agency.test" })),
        409,
        "AlreadyExists"
      )
      // 412: a stale If-Match; the ETag of a fresh read works.
      const fresh = yield* send("GET", `/tasks/${task.id}`)
      assert.strictEqual(fresh.headers.get("etag"), '"1"')
      const ok = yield* send("PATCH", `/tasks/${task.id}`, json({ title: "Audit v2" }), { "if-match": '"1"' })
      assert.strictEqual(ok.status, 200)
      assert.strictEqual(ok.headers.get("etag"), '"2"')
      const stale = yield* send("PATCH", `/tasks/${task.id}`, json({ title: "Audit v3" }), { "if-match": '"1"' })
      expectError(stale, 412, "PreconditionFailed")
      assert.strictEqual(stale.body["actual"], 2)
      expectError(
        yield* send("DELETE", `/tasks/${task.id}`, undefined, { "if-match": 'W/"1"' }),
        412,
        "PreconditionFailed"
      )
      // 413
      const huge = json({ name: "x", notes: "y".repeat(2 * 1024 * 1024) })
      expectError(yield* send("POST", "/clients", huge), 413, "PayloadTooLarge")
      // Streamed without Content-Length: the platform stops reading at the cap and resets the connection.
      const before = (yield* send("GET", "/clients?limit=200")).body["items"] as ReadonlyArray<unknown>
      const chunked = yield* Effect.flatMap(baseUrl, (url) =>
        Effect.async<string>((resume) => {
          const request = httpRequest(`${url}/clients`, {
            method: "POST",
            headers: { ...bearer(), "content-type": "application/json", "transfer-encoding": "chunked" }
          })
          request.on("response", (response) => resume(Effect.succeed(`status ${response.statusCode}`)))
          request.on("error", (error: NodeJS.ErrnoException) => resume(Effect.succeed(error.code ?? error.message)))
          const chunk = `{"name":"x","notes":"${"y".repeat(64 * 1024)}`
          for (let i = 0; i < 40; i++) request.write(chunk)
          request.end()
        })
      )
      assert.include(["status 413", "ECONNRESET", "EPIPE"], chunked)
      const after = (yield* send("GET", "/clients?limit=200")).body["items"] as ReadonlyArray<unknown>
      assert.strictEqual(after.length, before.length)
      assert.strictEqual((yield* send("GET", "/health")).status, 200)
      // 422: rules and missing references.
      expectError(
        yield* send("POST", "/tasks", json({ projectId: "00000000-0000-7000-8000-0000000000ff", title: "T" })),
        422,
        "ReferencedEntityMissing"
      )
      expectError(
        yield* send("POST", `/projects/${project.id}/transition`, json({ to: "active" })).pipe(
          Effect.zipRight(
            send("POST", `/projects/${project.id}/complete`, json({ reportReference: "r", deliveredOn: "2026-05-01" }))
          )
        ),
        422,
        "OpenTasksRemain"
      )
      yield* send("POST", `/clients/${acme.id}/archive`)
      expectError(
        yield* send(
          "POST",
          "/projects",
          json({ clientId: acme.id, name: "P2", campaignType: "seo", managerId: marta.id })
        ),
        422,
        "RuleViolated"
      )
    }).pipe(Effect.provide(TestServer()))
  )

  it.effect("deleting a member whose finished tasks name them is a 409, on SQLite's foreign keys too", () =>
    Effect.gen(function* () {
      const { api, project } = yield* world
      const leo = yield* api.team.create({ payload: { name: "Leo", email: "leo@agency.test" } })
      const task = yield* api.tasks.create({
        payload: { projectId: project.id, title: "Done by Leo", assigneeId: leo.id }
      })
      yield* api.tasks.transition({ path: { id: task.id }, headers: {}, payload: { to: "cancelled" } })
      const refused = yield* send("DELETE", `/team-members/${leo.id}`)
      expectError(refused, 409, "HasDependents")
      assert.include(refused.body.message!, "deactivate")
    }).pipe(Effect.provide(TestServer()))
  )

  it.effect("no endpoint answers 500 to malformed input", () =>
    Effect.gen(function* () {
      yield* world
      const operations = Object.entries(OpenApi.fromApi(CrmApi).paths).flatMap(([path, item]) =>
        Object.keys(item).map((method) => ({ method: method.toUpperCase(), path }))
      )
      const garbage = ["not-a-uuid", "%00", "00000000-0000-7000-8000-0000000000ff", "x".repeat(300)]
      const bodies = ['{"', "[]", "null", json({ anything: true }), json({ name: 5, title: [], to: "nowhere" })]
      const failures: Array<string> = []
      for (const { method, path } of operations) {
        if (path === "/events") continue
        for (const [i, value] of garbage.entries()) {
          const concrete = path.replace(/\{[^}]+\}/g, encodeURIComponent(value))
          const query = "?limit=abc&sortBy=nope&today=2026-13-45&days=-1&status=zzz&q="
          const body = method === "GET" || method === "DELETE" ? undefined : bodies[i % bodies.length]
          const reply = yield* send(method, `${concrete}${query}`, body, { "if-match": i === 0 ? "bogus" : '"1"' })
          if (reply.status >= 500)
            failures.push(`${method} ${concrete} → ${reply.status} ${JSON.stringify(reply.body)}`)
        }
      }
      assert.deepStrictEqual(failures, [])
    }).pipe(Effect.provide(TestServer()))
  )
})
