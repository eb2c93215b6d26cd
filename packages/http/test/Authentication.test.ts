import { Actor, ApiKeyRepository, ApiKeys, Crm, IdGenerator, Team } from "@agency-crm/core"
import { makePolicyWorld } from "@agency-crm/core/testing"
import { SqliteStore } from "@agency-crm/sqlite"
import { NodeHttpServer } from "@effect/platform-node"
import { assert, describe, it } from "@effect/vitest"
import { ConfigProvider, Console, Effect, Layer, TestClock } from "effect"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { CrmHttpServer } from "../src/index.js"
import { ADMIN_KEY, baseUrl, bearer, client, recordingConsole, TestServer } from "./support.js"

const get = (path: string, headers: Record<string, string> = {}) =>
  Effect.flatMap(baseUrl, (url) =>
    Effect.promise(async () => {
      const response = await fetch(`${url}${path}`, { headers })
      return { status: response.status, body: await response.text() }
    })
  )

const getWithHeaders = (path: string, headers: Record<string, string> = {}) =>
  Effect.flatMap(baseUrl, (url) =>
    Effect.promise(async () => {
      const response = await fetch(`${url}${path}`, { headers })
      return { status: response.status, body: await response.text(), headers: response.headers }
    })
  )

const BAD = { authorization: "Bearer acrm_" + "0".repeat(43) }

describe("throttling failed authentication", () => {
  it.effect(
    "failures past the limit get 429 with Retry-After until the window ends; a valid key is never refused",
    () =>
      Effect.gen(function* () {
        for (let i = 0; i < 3; i++) assert.strictEqual((yield* get("/tasks", BAD)).status, 401)
        const limited = yield* getWithHeaders("/tasks", BAD)
        assert.strictEqual(limited.status, 429)
        assert.include(limited.body, '"_tag":"TooManyRequests"')
        assert.include(limited.body, '"retryAfterSeconds":60')
        assert.strictEqual(limited.headers.get("retry-after"), "60")
        // The same address with a valid key: served, and the lock is still there for the guesser.
        assert.strictEqual((yield* get("/tasks", bearer())).status, 200)
        assert.strictEqual((yield* get("/tasks", BAD)).status, 429)
        // Endpoints without authentication are not affected.
        assert.strictEqual((yield* get("/health")).status, 200)
        yield* TestClock.adjust("30 seconds")
        assert.strictEqual((yield* getWithHeaders("/tasks", BAD)).headers.get("retry-after"), "30")
        yield* TestClock.adjust("31 seconds")
        assert.strictEqual((yield* get("/tasks", BAD)).status, 401)
      }).pipe(Effect.provide(TestServer({ authThrottle: { maxFailures: 3, windowMs: 60_000 } })))
  )

  it.effect("a missing header is not counted as a guess", () =>
    Effect.gen(function* () {
      for (let i = 0; i < 5; i++) assert.strictEqual((yield* get("/tasks")).status, 401)
      assert.strictEqual((yield* get("/tasks", BAD)).status, 401)
    }).pipe(Effect.provide(TestServer({ authThrottle: { maxFailures: 3, windowMs: 60_000 } })))
  )

  it.effect(
    "X-Forwarded-For counts only from a trusted proxy; failures from many addresses do not free a throttled one",
    () =>
      Effect.gen(function* () {
        const from = (address: string) => ({ ...BAD, "x-forwarded-for": address })
        // Behind the trusted proxy (loopback here), each forwarded client has its own count.
        for (let i = 0; i < 3; i++) assert.strictEqual((yield* get("/tasks", from("203.0.113.7"))).status, 401)
        assert.strictEqual((yield* get("/tasks", from("203.0.113.7"))).status, 429)
        assert.strictEqual((yield* get("/tasks", from("198.51.100.1"))).status, 401)
        // The table holds 20 addresses: failures from 200 others do not flush the throttled one.
        for (let i = 0; i < 200; i++)
          yield* get("/tasks", from(`192.0.2.${i % 250}`)).pipe(Effect.zipRight(get("/tasks", from(`10.9.${i}.1`))))
        assert.strictEqual((yield* get("/tasks", from("203.0.113.7"))).status, 429)
        // Its valid keys still work.
        assert.strictEqual((yield* get("/tasks", { ...bearer(), "x-forwarded-for": "203.0.113.7" })).status, 200)
        // Rotating within an IPv6 /64 is one client.
        for (let i = 1; i <= 3; i++) assert.strictEqual((yield* get("/tasks", from(`2001:db8:1:2::${i}`))).status, 401)
        assert.strictEqual((yield* get("/tasks", from("2001:db8:1:2:ffff::9"))).status, 429)
      }).pipe(
        Effect.provide(
          TestServer({
            authThrottle: { maxFailures: 3, windowMs: 60_000, maxAddresses: 20, trustedProxies: ["loopback"] }
          })
        )
      )
  )

  it.effect("without a trusted proxy, X-Forwarded-For is ignored: the connection's address is the client", () =>
    Effect.gen(function* () {
      for (let i = 0; i < 3; i++) {
        assert.strictEqual((yield* get("/tasks", { ...BAD, "x-forwarded-for": `203.0.113.${i}` })).status, 401)
      }
      assert.strictEqual((yield* get("/tasks", { ...BAD, "x-forwarded-for": "203.0.113.99" })).status, 429)
    }).pipe(Effect.provide(TestServer({ authThrottle: { maxFailures: 3, windowMs: 60_000 } })))
  )
})

describe("roles and keys over HTTP", () => {
  it.effect("a member can neither raise their own role nor see any API-key hash, through any endpoint", () =>
    Effect.gen(function* () {
      yield* TestClock.setTime(Date.parse("2026-03-02T09:00:00Z"))
      const world = yield* makePolicyWorld().pipe(Effect.provideService(Actor, Actor.system))
      const keys = yield* ApiKeys
      const memberKey = yield* keys
        .create({ memberId: world.member.id, name: "laptop" })
        .pipe(Effect.provideService(Actor, Actor.system))
      const asMember = bearer(memberKey.secret)

      const raise = yield* Effect.flatMap(baseUrl, (url) =>
        Effect.promise(() =>
          fetch(`${url}/team-members/${world.member.id}`, {
            method: "PATCH",
            headers: { ...asMember, "content-type": "application/json" },
            body: JSON.stringify({ role: "admin" })
          }).then(async (r) => ({ status: r.status, body: await r.text() }))
        )
      )
      assert.strictEqual(raise.status, 403)
      assert.include(raise.body, '"permission":"team.manage"')
      assert.strictEqual(JSON.parse((yield* get("/me", asMember)).body).role, "member")

      const stored = yield* (yield* ApiKeyRepository).list({
        filter: {},
        sortBy: "createdAt",
        order: "asc",
        limit: 1000,
        after: null
      })
      const hashes = stored.map((k) => k.hash)
      assert.isAtLeast(hashes.length, 3)
      const reads = [
        "/team-members",
        `/team-members/${world.member.id}`,
        `/team-members/${world.member.id}/work`,
        "/me",
        "/api-keys",
        `/api-keys/${memberKey.apiKey.id}`,
        `/history/api_key/${memberKey.apiKey.id}`,
        `/history/team_member/${world.member.id}`,
        `/clients/${world.client.id}/timeline`,
        `/projects/${world.project.id}/timeline`,
        `/projects/${world.project.id}/detail`,
        "/search?q=key",
        "/tracking/workload"
      ]
      for (const headers of [asMember, bearer()]) {
        for (const path of reads) {
          const reply = yield* get(path, headers)
          for (const hash of hashes) assert.notInclude(reply.body, hash, path)
          assert.notInclude(reply.body, '"hash"', path)
          assert.notInclude(reply.body, memberKey.secret, path)
        }
      }
      // The admin sees key metadata; the member is refused it.
      assert.strictEqual((yield* get("/api-keys", asMember)).status, 403)
      assert.strictEqual((yield* get("/api-keys", bearer())).status, 200)
      // The key history exists (so the scan above looked at real events).
      assert.include((yield* get(`/history/api_key/${memberKey.apiKey.id}`, bearer())).body, "api_key.created")
    }).pipe(Effect.provide(TestServer()))
  )

  it.effect("a revoked key stops working at once; a deactivated member's key too", () =>
    Effect.gen(function* () {
      const api = yield* client()
      const leo = yield* api.team.create({ payload: { name: "Leo", email: "leo@agency.test" } })
      const key = yield* api.apiKeys.create({ payload: { memberId: leo.id, name: "cli" } })
      assert.strictEqual((yield* get("/me", bearer(key.secret))).status, 200)
      yield* api.apiKeys.revoke({ path: { id: key.apiKey.id } })
      const revoked = yield* get("/me", bearer(key.secret))
      assert.strictEqual(revoked.status, 401)
      assert.include(revoked.body, "revoked")

      const second = yield* api.apiKeys.create({ payload: { memberId: leo.id, name: "cli 2" } })
      yield* api.team.update({ path: { id: leo.id }, headers: {}, payload: { active: false } })
      const inactive = yield* get("/me", bearer(second.secret))
      assert.strictEqual(inactive.status, 401)
      assert.include(inactive.body, "deactivated")
      // The key's last use was recorded when it worked.
      assert.isNotNull((yield* api.apiKeys.get({ path: { id: key.apiKey.id } })).lastUsedAt)
    }).pipe(Effect.provide(TestServer()))
  )
})

describe("first start", () => {
  const tempDb = Effect.acquireRelease(
    Effect.sync(() => mkdtempSync(join(tmpdir(), "agency-crm-http-"))),
    (dir) => Effect.sync(() => rmSync(dir, { recursive: true, force: true }))
  )

  /** A server on `filename` whose console lines go to `lines`. */
  const serverOn = (filename: string, lines: Array<string>, env: Record<string, string> = {}) =>
    CrmHttpServer.layer().pipe(
      Layer.provideMerge(
        Crm.layer.pipe(Layer.provideMerge(SqliteStore.layer({ filename })), Layer.provideMerge(IdGenerator.layer))
      ),
      Layer.provideMerge(NodeHttpServer.layerTest),
      Layer.provide(Console.setConsole(recordingConsole(lines))),
      Layer.provide(Layer.setConfigProvider(ConfigProvider.fromMap(new Map(Object.entries(env)))))
    )

  it.live("creates an admin and prints their key once; a restart prints nothing and the key still works", () =>
    Effect.gen(function* () {
      const dir = yield* tempDb
      const filename = join(dir, "crm.db")
      const first: Array<string> = []
      const secret = yield* Effect.scoped(
        Effect.gen(function* () {
          const printed = first.join("\n")
          const match = /acrm_[A-Za-z0-9_-]{43}/.exec(printed)
          assert.isNotNull(match, printed)
          const me = yield* get("/me", bearer(match![0]))
          assert.strictEqual(me.status, 200)
          assert.strictEqual(JSON.parse(me.body).role, "admin")
          return match![0]
        }).pipe(Effect.provide(serverOn(filename, first)))
      )
      const second: Array<string> = []
      yield* Effect.scoped(
        Effect.gen(function* () {
          assert.deepStrictEqual(second, [])
          assert.strictEqual((yield* get("/me", bearer(secret))).status, 200)
          const admins = yield* Effect.flatMap(Team, (t) => t.list({ role: "admin" })).pipe(
            Effect.provideService(Actor, Actor.system)
          )
          assert.strictEqual(admins.items.length, 1)
        }).pipe(Effect.provide(serverOn(filename, second)))
      )
    }).pipe(Effect.scoped)
  )

  it.live("takes the admin key from CRM_BOOTSTRAP_ADMIN_KEY and does not print it", () =>
    Effect.gen(function* () {
      const dir = yield* tempDb
      const lines: Array<string> = []
      yield* Effect.scoped(
        Effect.gen(function* () {
          assert.strictEqual((yield* get("/me", bearer(ADMIN_KEY))).status, 200)
          assert.isTrue(lines.some((l) => l.includes("Created the first admin")))
          assert.isFalse(lines.some((l) => l.includes(ADMIN_KEY)))
        }).pipe(Effect.provide(serverOn(join(dir, "crm.db"), lines, { CRM_BOOTSTRAP_ADMIN_KEY: ADMIN_KEY })))
      )
    }).pipe(Effect.scoped)
  )

  it.live("a malformed CRM_BOOTSTRAP_ADMIN_KEY stops the start with a validation error", () =>
    Effect.gen(function* () {
      const dir = yield* tempDb
      const exit = yield* Effect.exit(
        Effect.scoped(Layer.build(serverOn(join(dir, "crm.db"), [], { CRM_BOOTSTRAP_ADMIN_KEY: "short" })))
      )
      assert.isTrue(exit._tag === "Failure")
      assert.include(String(exit), "ValidationFailed")
    }).pipe(Effect.scoped)
  )
})
