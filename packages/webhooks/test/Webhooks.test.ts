import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { Webhook } from "standardwebhooks"
import type { SubscriptionId } from "../src/index.js"
import { ADMIN_KEY, client, eventually, postgresStore, receiver, request, TestServer } from "./support.js"
import { CrmHttpClient } from "@agency-crm/http"
import { createServer } from "node:http"
import type { AddressInfo } from "node:net"

/** A client, a manager and a project to write events about. */
const world = Effect.gen(function* () {
  const api = yield* client()
  const manager = yield* api.team.create({ payload: { name: "Marta", email: "marta@agency.test" } })
  const acme = yield* api.clients.create({ payload: { name: "Acme", kind: "client" } })
  const project = yield* api.projects.create({
    payload: { clientId: acme.id, name: "Launch", campaignType: "seo", managerId: manager.id }
  })
  const other = yield* api.projects.create({
    payload: { clientId: acme.id, name: "Other", campaignType: "sem", managerId: manager.id }
  })
  return { api, manager, acme, project, other }
})

/** Runs a test on a fresh server with the webhooks plugin (its receivers closed first). */
const run =
  (settings: Parameters<typeof TestServer>[0] = {}, storage?: Parameters<typeof TestServer>[1]) =>
  <A, E, R>(effect: Effect.Effect<A, E, R>) =>
    effect.pipe(Effect.scoped, Effect.provide(TestServer(settings, storage)))

/** A subscription's delivery log once it holds at least `count` attempts (it is written in batches). */
const logOf = (api: Effect.Effect.Success<ReturnType<typeof client>>, id: SubscriptionId, count: number) =>
  Effect.gen(function* () {
    for (let i = 0; i < 100; i++) {
      const page = yield* api.webhooks.deliveries({ path: { id }, urlParams: { limit: 200 } })
      if (page.items.length >= count) return page.items
      yield* Effect.sleep("20 millis")
    }
    return yield* Effect.dieMessage(`the delivery log never reached ${count} attempts`)
  })

const increasing = (sequences: ReadonlyArray<number>) => sequences.every((s, i) => i === 0 || s > sequences[i - 1]!)

describe("webhooks", () => {
  it.live(
    "delivers the matching events, signed per Standard Webhooks (verified by the reference package), in order",
    () =>
      Effect.gen(function* () {
        const hook = yield* receiver()
        const { api, project, other } = yield* world
        const created = yield* api.webhooks.create({
          payload: { url: hook.url, eventTypes: ["task.*"], projectId: project.id }
        })
        assert.match(created.secret, /^whsec_/)
        for (let i = 0; i < 5; i++) yield* api.tasks.create({ payload: { projectId: project.id, title: `Task ${i}` } })
        yield* api.tasks.create({ payload: { projectId: other.id, title: "Elsewhere" } })
        yield* api.projects.update({ path: { id: project.id }, payload: { name: "Renamed" }, headers: {} })
        yield* eventually(() => hook.received.length >= 5, "five task events arrive")
        yield* Effect.sleep("200 millis")
        assert.strictEqual(hook.received.length, 5, "only task events of the project")
        const verifier = new Webhook(created.secret)
        for (const delivery of hook.received) {
          const payload = verifier.verify(delivery.body, delivery.headers as Record<string, string>) as {
            type: string
            data: { projectId: string }
          }
          assert.strictEqual(payload.type, "task.created")
          assert.strictEqual(payload.data.projectId, project.id)
          assert.strictEqual(
            delivery.headers["webhook-id"],
            `msg_${created.subscription.id.slice(4)}_${delivery.sequence}`
          )
        }
        assert.isTrue(increasing(hook.received.map((d) => d.sequence)))
        // The delivery log, written in batches, shows each delivery once it is flushed: newest first.
        const log = yield* logOf(api, created.subscription.id, 5)
        assert.deepStrictEqual(
          log.map((a) => [a.sequence, a.attempt, a.succeeded, a.statusCode]),
          [...hook.received].reverse().map((d) => [d.sequence, 1, true, 200])
        )
        assert.isTrue(log.every((a) => a.error === null && a.latencyMs >= 0))
      }).pipe(run())
  )

  it.live(
    "a client filter narrows the events; a paused subscription delivers nothing until it is resumed, then all",
    () =>
      Effect.gen(function* () {
        const hook = yield* receiver()
        const { api, acme, manager } = yield* world
        const beta = yield* api.clients.create({ payload: { name: "Beta", kind: "client" } })
        const created = yield* api.webhooks.create({
          payload: { url: hook.url, eventTypes: ["project.created", "client.updated"], clientId: beta.id }
        })
        yield* api.projects.create({
          payload: { clientId: acme.id, name: "Not theirs", campaignType: "sem", managerId: manager.id }
        })
        const theirs = yield* api.projects.create({
          payload: { clientId: beta.id, name: "Theirs", campaignType: "sem", managerId: manager.id }
        })
        yield* eventually(() => hook.received.length >= 1, "Beta's project")
        const paused = yield* api.webhooks.update({ path: { id: created.subscription.id }, payload: { active: false } })
        assert.isFalse(paused.active)
        yield* api.clients.update({ path: { id: beta.id }, payload: { industry: "Retail" }, headers: {} })
        yield* Effect.sleep("150 millis")
        assert.strictEqual(hook.received.length, 1, "nothing while paused")
        yield* api.webhooks.update({ path: { id: created.subscription.id }, payload: { active: true } })
        yield* eventually(() => hook.received.length >= 2, "the update made while paused")
        assert.deepStrictEqual(
          hook.received.map((d) => [d.type, JSON.parse(d.body).data.entityId]),
          [
            ["project.created", theirs.id],
            ["client.updated", beta.id]
          ]
        )
      }).pipe(run())
  )

  it.live(
    "a receiver that fails for a while gets everything after it recovers, in order; the log shows the failures",
    () =>
      Effect.gen(function* () {
        // The first 3 requests fail (within the 3 retries of the test schedule), then the receiver is back.
        const hook = yield* receiver((n) => (n <= 3 ? 503 : 200))
        const { api, project } = yield* world
        const created = yield* api.webhooks.create({ payload: { url: hook.url, eventTypes: ["task.created"] } })
        for (let i = 0; i < 10; i++) yield* api.tasks.create({ payload: { projectId: project.id, title: `T${i}` } })
        yield* eventually(() => hook.received.length >= 10, "ten deliveries")
        assert.isTrue(increasing(hook.received.map((d) => d.sequence)))
        assert.strictEqual(new Set(hook.received.map((d) => d.sequence)).size, 10)
        const log = yield* logOf(api, created.subscription.id, 13)
        const failures = log.filter((a) => !a.succeeded)
        assert.strictEqual(failures.length, 3)
        assert.deepStrictEqual(
          failures.map((a) => a.statusCode),
          [503, 503, 503]
        )
        assert.deepStrictEqual(failures.map((a) => a.attempt).sort(), [1, 2, 3])
        const subscription = yield* api.webhooks.get({ path: { id: created.subscription.id } })
        assert.strictEqual(subscription.state, "healthy")
      }).pipe(run())
  )

  it.live(
    "after the last retry the subscription is failing and stops there; reactivating delivers the rest in order",
    () =>
      Effect.gen(function* () {
        let down = true
        const hook = yield* receiver(() => (down ? 500 : 200))
        const { api, project } = yield* world
        const created = yield* api.webhooks.create({ payload: { url: hook.url, eventTypes: ["task.*"] } })
        for (let i = 0; i < 4; i++) yield* api.tasks.create({ payload: { projectId: project.id, title: `T${i}` } })
        let state = "healthy"
        yield* eventually(() => state === "failing", "the subscription is marked failing").pipe(
          Effect.race(
            Effect.forever(
              Effect.flatMap(api.webhooks.get({ path: { id: created.subscription.id } }), (s) =>
                Effect.zipRight(
                  Effect.sync(() => (state = s.state)),
                  Effect.sleep("20 millis")
                )
              )
            )
          )
        )
        const failing = yield* api.webhooks.get({ path: { id: created.subscription.id } })
        assert.isNotNull(failing.failingSince)
        assert.strictEqual(hook.received.length, 0)
        down = false
        yield* api.webhooks.update({ path: { id: created.subscription.id }, payload: { active: true } })
        yield* eventually(() => hook.received.length >= 4, "the four events after reactivation")
        assert.isTrue(increasing(hook.received.map((d) => d.sequence)))
      }).pipe(run())
  )

  it.live("loopback and private addresses are refused at delivery time unless allow-listed", () =>
    Effect.gen(function* () {
      const hook = yield* receiver()
      const { api, project } = yield* world
      const created = yield* api.webhooks.create({ payload: { url: hook.url, eventTypes: ["task.created"] } })
      yield* api.tasks.create({ payload: { projectId: project.id, title: "Refused" } })
      const log = yield* logOf(api, created.subscription.id, 1)
      assert.match(log[0]!.error ?? "", /refused: 127\.0\.0\.1 .*loopback/)
      assert.isNull(log[0]!.statusCode)
      assert.strictEqual(hook.received.length, 0)
    }).pipe(run({ allowedNetworks: [] }))
  )

  it.live("a redirect is not followed: it is a failed attempt", () =>
    Effect.gen(function* () {
      const target = yield* receiver()
      const hook = yield* receiver(() => ({ status: 302, location: target.url }))
      const { api, project } = yield* world
      const created = yield* api.webhooks.create({ payload: { url: hook.url, eventTypes: ["task.created"] } })
      yield* api.tasks.create({ payload: { projectId: project.id, title: "Moved" } })
      const log = yield* logOf(api, created.subscription.id, 1)
      assert.strictEqual(log[log.length - 1]!.statusCode, 302)
      assert.isFalse(log[log.length - 1]!.succeeded)
      assert.strictEqual(target.received.length, 0)
    }).pipe(run())
  )

  it.live("during a rotation both secrets sign; replay resends with the same webhook-id", () =>
    Effect.gen(function* () {
      const hook = yield* receiver()
      const { api, project } = yield* world
      const created = yield* api.webhooks.create({ payload: { url: hook.url, eventTypes: ["task.created"] } })
      const rotated = yield* api.webhooks.rotateSecret({ path: { id: created.subscription.id }, payload: {} })
      assert.notStrictEqual(rotated.secret, created.secret)
      assert.isNotNull(rotated.subscription.previousSecretValidUntil)
      const task = yield* api.tasks.create({ payload: { projectId: project.id, title: "Signed twice" } })
      yield* eventually(() => hook.received.length >= 1, "one delivery")
      const first = hook.received[0]!
      for (const secret of [created.secret, rotated.secret]) {
        new Webhook(secret).verify(first.body, first.headers as Record<string, string>)
      }
      assert.strictEqual(String(first.headers["webhook-signature"]).split(" ").length, 2)

      // Replay from the task's sequence: the same message again, with the same id.
      yield* api.webhooks.replay({ path: { id: created.subscription.id }, payload: { fromSequence: first.sequence } })
      yield* eventually(() => hook.received.length >= 2, "the replayed delivery")
      assert.strictEqual(hook.received[1]!.headers["webhook-id"], first.headers["webhook-id"])
      assert.strictEqual(JSON.parse(hook.received[1]!.body).data.entityId, task.id)

      // Replay one logged delivery.
      const [latest] = yield* logOf(api, created.subscription.id, 2)
      const again = yield* api.webhooks.replayDelivery({ path: { id: latest!.id } })
      assert.strictEqual(again.attempt, latest!.attempt + 1)
      assert.isTrue(again.succeeded)
      assert.strictEqual(hook.received.length, 3)
      assert.strictEqual(hook.received[2]!.headers["webhook-id"], first.headers["webhook-id"])
    }).pipe(run())
  )

  it.live(
    "refuses bad input with 400, unknown filters with 422, missing subscriptions with 404, non-admins with 403",
    () =>
      Effect.gen(function* () {
        const { api, manager } = yield* world
        const create = (body: unknown, key?: string) => request("POST", "/webhooks/subscriptions", body, key)
        const cases: ReadonlyArray<readonly [unknown, string]> = [
          [{ url: "ftp://example.com", eventTypes: ["task.*"] }, "url"],
          [{ url: "https://user:pw@example.com", eventTypes: ["task.*"] }, "url"],
          [{ url: "https://example.com", eventTypes: ["tsak.*"] }, "eventTypes.0"],
          [{ url: "https://example.com", eventTypes: [] }, "eventTypes"],
          [{ url: "https://example.com", eventTypes: ["*"], secret: "mine" }, "secret"],
          [{ url: "https://example.com", eventTypes: ["*"], fromSequence: -1 }, "fromSequence"],
          [{ url: "https://example.com", eventTypes: ["*"], fromSequence: 1_000_000 }, "fromSequence"]
        ]
        for (const [body, path] of cases) {
          const reply = yield* create(body)
          assert.strictEqual(reply.status, 400, JSON.stringify(body))
          assert.strictEqual(reply.body["_tag"], "ValidationFailed")
          assert.include(
            (reply.body["issues"] as ReadonlyArray<{ path: string }>).map((i) => i.path),
            path,
            JSON.stringify(reply.body)
          )
        }
        const missing = yield* create({
          url: "https://example.com",
          eventTypes: ["*"],
          clientId: "00000000-0000-7000-8000-000000000000"
        })
        assert.strictEqual(missing.status, 422)
        assert.strictEqual(missing.body["_tag"], "ReferencedEntityMissing")
        const unknown = yield* request("GET", "/webhooks/subscriptions/whs_00000000-0000-7000-8000-000000000000")
        assert.strictEqual(unknown.status, 404)
        assert.strictEqual(unknown.body["_tag"], "WebhookNotFound")
        const made = yield* api.webhooks.create({ payload: { url: "https://example.com", eventTypes: ["*"] } })
        const pastEnd = yield* request("POST", `/webhooks/subscriptions/${made.subscription.id}/replay`, {
          fromSequence: 1_000_000
        })
        assert.strictEqual(pastEnd.status, 400)
        yield* api.webhooks.remove({ path: { id: made.subscription.id } })
        const badCursor = yield* request("GET", "/webhooks/subscriptions?cursor=nonsense")
        assert.strictEqual(badCursor.status, 400)
        const key = yield* api.apiKeys.create({ payload: { memberId: manager.id, name: "manager" } })
        const forbidden = yield* request("GET", "/webhooks/subscriptions", undefined, key.secret)
        assert.strictEqual(forbidden.status, 403)
        assert.deepStrictEqual((yield* api.webhooks.list({ urlParams: {} })).items, [])
      }).pipe(run())
  )

  it.live("an attempt that gets no answer in time is cut and logged as timed out", () =>
    Effect.gen(function* () {
      const silent = yield* Effect.acquireRelease(
        Effect.promise(
          () =>
            new Promise<{ url: string; close: () => void }>((resolve) => {
              // Reads the request and never answers.
              const server = createServer((req) => req.resume())
              server.listen(0, "127.0.0.1", () =>
                resolve({
                  url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
                  close: () => {
                    server.closeAllConnections()
                    server.close()
                  }
                })
              )
            })
        ),
        (s) => Effect.sync(() => s.close())
      )
      const { api, project } = yield* world
      const slow = yield* api.webhooks.create({ payload: { url: silent.url, eventTypes: ["task.created"] } })
      yield* api.tasks.create({ payload: { projectId: project.id, title: "Nobody answers" } })
      const [timedOut] = yield* logOf(api, slow.subscription.id, 1)
      assert.strictEqual(timedOut!.error, "timed out after 200 ms")
      assert.isNull(timedOut!.statusCode)
      assert.isAtLeast(timedOut!.latencyMs, 190)
    }).pipe(run({ timeoutMs: 200, allowedNetworks: ["127.0.0.1"] }))
  )

  it.live("the typed client has the webhooks endpoints only when their group is listed", () =>
    Effect.gen(function* () {
      const plain = yield* CrmHttpClient.make({ apiKey: ADMIN_KEY })
      // @ts-expect-error: no plugin groups listed, so no `webhooks`
      assert.isUndefined(plain.webhooks)
      const withPlugin = yield* client()
      assert.deepStrictEqual((yield* withPlugin.webhooks.list({ urlParams: {} })).items, [])
    }).pipe(run())
  )

  it.live("on PostgreSQL: its own tables migrate there, and deliveries are signed, in order, logged", () =>
    Effect.gen(function* () {
      const hook = yield* receiver((n) => (n === 1 ? 500 : 200))
      const { api, project } = yield* world
      const created = yield* api.webhooks.create({ payload: { url: hook.url, eventTypes: ["task.created"] } })
      for (let i = 0; i < 5; i++) yield* api.tasks.create({ payload: { projectId: project.id, title: `T${i}` } })
      yield* eventually(() => hook.received.length >= 5, "five deliveries")
      assert.isTrue(increasing(hook.received.map((d) => d.sequence)))
      const verifier = new Webhook(created.secret)
      for (const delivery of hook.received) verifier.verify(delivery.body, delivery.headers as Record<string, string>)
      const log = yield* logOf(api, created.subscription.id, 6)
      assert.deepStrictEqual(
        log.filter((a) => !a.succeeded).map((a) => [a.statusCode, a.attempt]),
        [[500, 1]]
      )
      const subscription = yield* api.webhooks.get({ path: { id: created.subscription.id } })
      assert.strictEqual(subscription.state, "healthy")
    }).pipe(run({}, postgresStore))
  )
})
