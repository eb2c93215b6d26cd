import { Actor, ApiKeys, DEFAULT_MARKETS, DEFAULT_ORIGINATIONS, DEFAULT_POSITIONS, type Role } from "@agency-crm/core"
import { makePolicyWorld, type PolicyWorld, storeSnapshot } from "@agency-crm/core/testing"
import { assert, describe, it } from "@effect/vitest"
import { OpenApi } from "@effect/platform"
import { Effect, TestClock } from "effect"
import { CrmApi } from "../src/index.js"
import { ADMIN_KEY, baseUrl, TestServer } from "./support.js"

/** A world with an API key for each role's member, and a revoked key. */
const makeKeyedWorld = (tag: string) =>
  Effect.gen(function* () {
    const world = yield* makePolicyWorld(tag)
    const keys = yield* ApiKeys
    const keyOf = (memberId: PolicyWorld["admin"]["id"]) =>
      Effect.map(keys.create({ memberId, name: "matrix" }), (created) => created.secret)
    const secrets = {
      admin: yield* keyOf(world.admin.id),
      manager: yield* keyOf(world.manager.id),
      member: yield* keyOf(world.member.id),
      viewer: yield* keyOf(world.viewer.id)
    } satisfies Record<Role, string>
    const revoked = yield* keys.create({ memberId: world.admin.id, name: "revoked" })
    yield* keys.revoke(revoked.apiKey.id)
    return { world, secrets, revokedSecret: revoked.secret }
  }).pipe(Effect.provideService(Actor, Actor.system))

interface Call {
  readonly path: string
  readonly body?: unknown
  /** A CSV body, sent as `text/csv` (imports). */
  readonly csv?: string
}

const d = "2026-03-01"

/** The requests of a master-data list: reads and archiving on its default entries, writes on the world's own. */
const masterDataRequests = (
  path: "originations" | "markets" | "positions",
  defaults: ReadonlyArray<{ readonly id: string }>
) => ({
  [`GET /${path}`]: () => ({ path: `/${path}?archived=false` }),
  [`POST /${path}`]: (w: PolicyWorld) => ({ path: `/${path}`, body: { name: `New entry ${w.member.id}` } }),
  [`GET /${path}/{id}`]: () => ({ path: `/${path}/${defaults[0]!.id}` }),
  [`PATCH /${path}/{id}`]: (w: PolicyWorld) => ({
    path: `/${path}/${w.spares[path].id}`,
    body: { description: "Ours" }
  }),
  [`DELETE /${path}/{id}`]: (w: PolicyWorld) => ({ path: `/${path}/${w.spares[path].id}` }),
  [`POST /${path}/{id}/archive`]: () => ({ path: `/${path}/${defaults[1]!.id}/archive` }),
  [`POST /${path}/{id}/restore`]: () => ({ path: `/${path}/${defaults[2]!.id}/restore` })
})

const masterDataRoles = (path: string) => ({
  [`POST /${path}`]: "manager" as const,
  [`PATCH /${path}/{id}`]: "manager" as const,
  [`DELETE /${path}/{id}`]: "manager" as const,
  [`POST /${path}/{id}/archive`]: "manager" as const,
  [`POST /${path}/{id}/restore`]: "manager" as const
})

/** One valid request per operation (`METHOD /template`) on a fresh world; allowed requests succeed. */
const requests: Record<string, (w: PolicyWorld) => Call> = {
  "GET /team-members": () => ({ path: "/team-members" }),
  "POST /team-members": () => ({ path: "/team-members", body: { name: "Nina", email: "nina@agency.test" } }),
  "GET /team-members/{id}": (w) => ({ path: `/team-members/${w.viewer.id}` }),
  "PATCH /team-members/{id}": (w) => ({ path: `/team-members/${w.viewer.id}`, body: { title: "Analyst" } }),
  "DELETE /team-members/{id}": (w) => ({ path: `/team-members/${w.spare.id}` }),
  "GET /team-members/{id}/work": (w) => ({ path: `/team-members/${w.member.id}/work` }),
  "GET /me": () => ({ path: "/me" }),
  "GET /api-keys": () => ({ path: "/api-keys" }),
  "POST /api-keys": (w) => ({ path: "/api-keys", body: { memberId: w.member.id, name: "laptop" } }),
  "GET /api-keys/{id}": (w) => ({ path: `/api-keys/${w.viewerKey.apiKey.id}` }),
  "POST /api-keys/{id}/revoke": (w) => ({ path: `/api-keys/${w.viewerKey.apiKey.id}/revoke` }),
  "GET /clients": () => ({ path: "/clients" }),
  "POST /clients": () => ({ path: "/clients", body: { name: "New Client" } }),
  "GET /clients/{id}": (w) => ({ path: `/clients/${w.client.id}` }),
  "PATCH /clients/{id}": (w) => ({ path: `/clients/${w.client.id}`, body: { industry: "Hospitality" } }),
  "DELETE /clients/{id}": (w) => ({ path: `/clients/${w.prospect.id}` }),
  "POST /clients/{id}/archive": (w) => ({ path: `/clients/${w.prospect.id}/archive` }),
  "POST /clients/{id}/restore": (w) => ({ path: `/clients/${w.archived.id}/restore` }),
  "GET /clients/{id}/timeline": (w) => ({ path: `/clients/${w.client.id}/timeline` }),
  "GET /contacts": () => ({ path: "/contacts" }),
  "POST /contacts": (w) => ({ path: "/contacts", body: { clientId: w.client.id, name: "Bo Lind" } }),
  "GET /contacts/{id}": (w) => ({ path: `/contacts/${w.contact.id}` }),
  "PATCH /contacts/{id}": (w) => ({ path: `/contacts/${w.contact.id}`, body: { position: "Owner" } }),
  "DELETE /contacts/{id}": (w) => ({ path: `/contacts/${w.contact.id}` }),
  "GET /projects": () => ({ path: "/projects" }),
  "POST /projects": (w) => ({
    path: "/projects",
    body: { clientId: w.client.id, name: "Paid search", campaignType: "sem", managerId: w.manager.id }
  }),
  "GET /projects/{id}": (w) => ({ path: `/projects/${w.project.id}` }),
  "PATCH /projects/{id}": (w) => ({ path: `/projects/${w.project.id}`, body: { name: "Local SEO 2026" } }),
  "DELETE /projects/{id}": (w) => ({ path: `/projects/${w.empty.id}` }),
  "POST /projects/{id}/transition": (w) => ({ path: `/projects/${w.project.id}/transition`, body: { to: "on_hold" } }),
  "POST /projects/{id}/complete": (w) => ({
    path: `/projects/${w.finishing.id}/complete`,
    body: { reportReference: "reports/news.pdf", deliveredOn: d }
  }),
  "POST /projects/{id}/close": (w) => ({
    path: `/projects/${w.completed.id}/close`,
    body: { feedback: { summary: "Happy", satisfaction: 5 } }
  }),
  "GET /projects/{id}/detail": (w) => ({ path: `/projects/${w.project.id}/detail` }),
  "GET /projects/{id}/progress": (w) => ({ path: `/projects/${w.project.id}/progress` }),
  "GET /projects/{id}/timeline": (w) => ({ path: `/projects/${w.project.id}/timeline` }),
  "GET /tasks": () => ({ path: "/tasks" }),
  "POST /tasks": (w) => ({ path: "/tasks", body: { projectId: w.project.id, title: "Backlinks" } }),
  "GET /tasks/{id}": (w) => ({ path: `/tasks/${w.unassignedTask.id}` }),
  "PATCH /tasks/{id}": (w) => ({ path: `/tasks/${w.unassignedTask.id}`, body: { priority: "high" } }),
  "DELETE /tasks/{id}": (w) => ({ path: `/tasks/${w.unassignedTask.id}` }),
  "POST /tasks/{id}/assign": (w) => ({
    path: `/tasks/${w.unassignedTask.id}/assign`,
    body: { assigneeId: w.member.id }
  }),
  "POST /tasks/{id}/transition": (w) => ({
    path: `/tasks/${w.unassignedTask.id}/transition`,
    body: { to: "in_progress" }
  }),
  "GET /allocations": () => ({ path: "/allocations" }),
  "POST /allocations": (w) => ({
    path: "/allocations",
    body: {
      kind: "material",
      projectId: w.project.id,
      name: "Keyword tool",
      quantity: 1,
      unitCost: { amountMinor: 9900, currency: "EUR" }
    }
  }),
  "GET /allocations/{id}": (w) => ({ path: `/allocations/${w.allocation.id}` }),
  "PATCH /allocations/{id}": (w) => ({ path: `/allocations/${w.allocation.id}`, body: { hours: 12 } }),
  "DELETE /allocations/{id}": (w) => ({ path: `/allocations/${w.allocation.id}` }),
  "GET /interactions": () => ({ path: "/interactions" }),
  "POST /interactions": (w) => ({
    path: "/interactions",
    body: { clientId: w.client.id, kind: "email", direction: "outbound", summary: "Sent the audit" }
  }),
  "GET /interactions/{id}": (w) => ({ path: `/interactions/${w.interaction.id}` }),
  "PATCH /interactions/{id}": (w) => ({ path: `/interactions/${w.interaction.id}`, body: { outcome: "Agreed" } }),
  "DELETE /interactions/{id}": (w) => ({ path: `/interactions/${w.interaction.id}` }),
  "GET /opportunities": () => ({ path: "/opportunities?stage=interest,standby" }),
  "POST /opportunities": (w) => ({ path: "/opportunities", body: { name: "Menu photos", clientId: w.prospect.id } }),
  "GET /opportunities/{id}": (w) => ({ path: `/opportunities/${w.memberDeal.id}` }),
  "PATCH /opportunities/{id}": (w) => ({ path: `/opportunities/${w.memberDeal.id}`, body: { notes: "Quote" } }),
  "DELETE /opportunities/{id}": (w) => ({ path: `/opportunities/${w.managerDeal.id}` }),
  "POST /opportunities/{id}/move": (w) => ({
    path: `/opportunities/${w.memberDeal.id}/move`,
    body: { to: "presentation" }
  }),
  "POST /opportunities/{id}/resume": (w) => ({ path: `/opportunities/${w.paused.id}/resume`, body: {} }),
  "POST /opportunities/{id}/reopen": (w) => ({ path: `/opportunities/${w.lost.id}/reopen`, body: { note: "Back" } }),
  "POST /opportunities/{id}/win": (w) => ({
    path: `/opportunities/${w.negotiating.id}/win`,
    body: { salesOrder: { number: `SO-${w.member.id}` } }
  }),
  "GET /opportunities/{id}/history": (w) => ({ path: `/opportunities/${w.memberDeal.id}/history` }),
  "GET /pipeline": (w) => ({ path: `/pipeline?ownerId=${w.member.id}` }),
  ...masterDataRequests("originations", DEFAULT_ORIGINATIONS),
  ...masterDataRequests("markets", DEFAULT_MARKETS),
  ...masterDataRequests("positions", DEFAULT_POSITIONS),
  "GET /reviews": () => ({ path: "/reviews" }),
  "POST /reviews": (w) => ({ path: "/reviews", body: { projectId: w.project.id, summary: "Second look" } }),
  "GET /reviews/{id}": (w) => ({ path: `/reviews/${w.review.id}` }),
  "PATCH /reviews/{id}": (w) => ({ path: `/reviews/${w.review.id}`, body: { summary: "Audit late" } }),
  "DELETE /reviews/{id}": (w) => ({ path: `/reviews/${w.review.id}` }),
  "GET /reports/sales/pipeline": (w) => ({
    path: `/reports/sales/pipeline?from=2026-01-01&to=2026-04-01&marketId=${w.spares.markets.id}`
  }),
  "GET /reports/sales/forecast": () => ({ path: "/reports/sales/forecast?from=2026-01-01&to=2026-04-01" }),
  "GET /reports/sales/conversion": () => ({ path: "/reports/sales/conversion?from=2026-01-01&to=2026-04-01" }),
  "GET /reports/sales/wins": (w) => ({
    path: `/reports/sales/wins?from=2026-01-01&to=2026-04-01&ownerId=${w.member.id}`
  }),
  "GET /reports/sales/revenue": () => ({ path: "/reports/sales/revenue?from=2026-01-01&to=2026-04-01" }),
  "GET /reports/delivery": (w) => ({
    path: `/reports/delivery?from=2026-01-01&to=2026-04-01&projectId=${w.project.id}`
  }),
  "GET /reports/clients/response-time": (w) => ({
    path: `/reports/clients/response-time?from=2026-01-01&to=2026-04-01&clientId=${w.client.id}`
  }),
  "GET /reports/clients/activity": (w) => ({
    path: `/reports/clients/activity?from=2026-01-01&to=2026-04-01&memberId=${w.member.id}`
  }),
  "GET /reports/clients/retention": (w) => ({
    path: `/reports/clients/retention?from=2026-01-01&to=2026-04-01&marketId=${w.spares.markets.id}`
  }),
  "GET /reports/delivery/projects": (w) => ({
    path: `/reports/delivery/projects?from=2026-01-01&to=2026-04-01&clientId=${w.client.id}`
  }),
  "GET /reports/clients/satisfaction": (w) => ({
    path: `/reports/clients/satisfaction?from=2026-01-01&to=2026-04-01&managerId=${w.manager.id}`
  }),
  "GET /tracking/overdue": () => ({ path: "/tracking/overdue" }),
  "GET /tracking/due-soon": () => ({ path: "/tracking/due-soon?days=7" }),
  "GET /tracking/workload": () => ({ path: "/tracking/workload" }),
  "GET /history/{entityType}/{entityId}": (w) => ({ path: `/history/task/${w.unassignedTask.id}` }),
  "GET /search": () => ({ path: "/search?q=aurora" }),
  "GET /events": () => ({ path: "/events?after=0" }),
  "GET /plugins": () => ({ path: "/plugins" }),
  "POST /data/imports/{kind}": () => ({ path: "/data/imports/markets", csv: "name\nAerospace\n" }),
  "GET /data/exports/{kind}": () => ({ path: "/data/exports/markets?format=ndjson" }),
  "GET /contacts/{id}/personal-data": (w) => ({ path: `/contacts/${w.contact.id}/personal-data` }),
  "POST /contacts/{id}/erase": (w) => ({ path: `/contacts/${w.contact.id}/erase` }),
  "GET /health": () => ({ path: "/health" })
}

/** The rules, per operation: the least role allowed, or `public` (no key needed). */
const leastRole: Record<string, Role | "public"> = {
  "POST /team-members": "admin",
  "PATCH /team-members/{id}": "admin",
  "DELETE /team-members/{id}": "admin",
  "GET /api-keys": "admin",
  "POST /api-keys": "admin",
  "GET /api-keys/{id}": "admin",
  "POST /api-keys/{id}/revoke": "admin",
  "POST /clients": "manager",
  "PATCH /clients/{id}": "manager",
  "DELETE /clients/{id}": "manager",
  "POST /clients/{id}/archive": "manager",
  "POST /clients/{id}/restore": "manager",
  "POST /contacts": "manager",
  "PATCH /contacts/{id}": "manager",
  "DELETE /contacts/{id}": "manager",
  "POST /projects": "manager",
  "PATCH /projects/{id}": "manager",
  "DELETE /projects/{id}": "manager",
  "POST /projects/{id}/transition": "manager",
  "POST /projects/{id}/complete": "manager",
  "POST /projects/{id}/close": "manager",
  "POST /tasks": "member",
  "PATCH /tasks/{id}": "member",
  "DELETE /tasks/{id}": "manager",
  "POST /tasks/{id}/assign": "member",
  "POST /tasks/{id}/transition": "member",
  "POST /allocations": "manager",
  "PATCH /allocations/{id}": "manager",
  "DELETE /allocations/{id}": "manager",
  "POST /interactions": "member",
  "PATCH /interactions/{id}": "member",
  "DELETE /interactions/{id}": "manager",
  // Members work their own opportunities: the requests act on the member's.
  "POST /opportunities": "member",
  "PATCH /opportunities/{id}": "member",
  "DELETE /opportunities/{id}": "manager",
  "POST /opportunities/{id}/move": "member",
  "POST /opportunities/{id}/resume": "member",
  "POST /opportunities/{id}/reopen": "member",
  "POST /opportunities/{id}/win": "member",
  ...masterDataRoles("originations"),
  ...masterDataRoles("markets"),
  ...masterDataRoles("positions"),
  "POST /reviews": "manager",
  "PATCH /reviews/{id}": "manager",
  "DELETE /reviews/{id}": "manager",
  "GET /plugins": "admin",
  "POST /data/imports/{kind}": "admin",
  "GET /data/exports/{kind}": "admin",
  "GET /contacts/{id}/personal-data": "admin",
  "POST /contacts/{id}/erase": "admin",
  "GET /health": "public"
}
// Every other operation is a read: any role.
const least = (operation: string): Role | "public" => leastRole[operation] ?? "viewer"

const ranks: Record<Role, number> = { viewer: 0, member: 1, manager: 2, admin: 3 }
const roles: ReadonlyArray<Role> = ["viewer", "member", "manager", "admin"]

const operations = Object.entries(OpenApi.fromApi(CrmApi).paths).flatMap(([path, item]) =>
  Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`)
)

/** Sends a request and returns its status (an event stream is cut once its headers arrive). */
const send = (operation: string, call: Call, authorization: string | undefined) =>
  Effect.flatMap(baseUrl, (url) =>
    Effect.promise(async () => {
      const method = operation.split(" ")[0]!
      const controller = new AbortController()
      const response = await fetch(`${url}${call.path}`, {
        method,
        signal: controller.signal,
        headers: {
          ...(authorization === undefined ? {} : { authorization }),
          ...(call.body === undefined ? {} : { "content-type": "application/json" }),
          ...(call.csv === undefined ? {} : { "content-type": "text/csv" })
        },
        ...(call.body === undefined ? {} : { body: JSON.stringify(call.body) }),
        ...(call.csv === undefined ? {} : { body: call.csv })
      })
      const streaming = response.headers.get("content-type")?.startsWith("text/event-stream") === true
      const body = streaming ? "" : await response.text()
      controller.abort()
      return { status: response.status, body }
    })
  )

describe("authorization over HTTP: every endpoint × every role, no key, revoked key, malformed header", () => {
  it("has a request for every operation of the API, and nothing else", () => {
    assert.deepStrictEqual(Object.keys(requests).sort(), [...operations].sort())
    assert.isAtLeast(operations.length, 64)
  })

  for (const operation of operations) {
    it.effect(operation, () =>
      Effect.gen(function* () {
        yield* TestClock.setTime(Date.parse("2026-03-02T09:00:00Z"))
        const expectation = least(operation)
        const build = requests[operation]!
        const { world, secrets, revokedSecret } = yield* makeKeyedWorld("0")
        const call = build(world)

        // Without a valid key: 401 (the public endpoint answers anyway), and nothing changes.
        const unauthenticated = {
          "no key": undefined,
          "revoked key": `Bearer ${revokedSecret}`,
          "malformed header": `Basic ${ADMIN_KEY}`,
          "unknown key": `Bearer acrm_${"0".repeat(43)}`
        }
        for (const [cell, authorization] of Object.entries(unauthenticated)) {
          const before = yield* storeSnapshot
          const reply = yield* send(operation, call, authorization)
          if (expectation === "public") {
            assert.strictEqual(reply.status, 200, `${operation} with ${cell}`)
            continue
          }
          assert.strictEqual(reply.status, 401, `${operation} with ${cell}: ${reply.body}`)
          assert.include(reply.body, "Unauthenticated", `${operation} with ${cell}`)
          const after = yield* storeSnapshot
          // Authentication itself writes nothing but a key's last use; a refused request not even that.
          assert.deepStrictEqual(after, before, `${operation} with ${cell} changed the store`)
        }

        // Denied roles: 403 naming the permission, and the store untouched.
        for (const role of roles) {
          if (expectation === "public" || ranks[role] >= ranks[expectation]) continue
          yield* send("GET /me", { path: "/me" }, `Bearer ${secrets[role]}`) // stamps lastUsedAt before the snapshot
          const before = yield* storeSnapshot
          const reply = yield* send(operation, call, `Bearer ${secrets[role]}`)
          assert.strictEqual(reply.status, 403, `${operation} as ${role}: ${reply.body}`)
          assert.include(reply.body, '"_tag":"Forbidden"', `${operation} as ${role}`)
          assert.deepStrictEqual(yield* storeSnapshot, before, `${operation} as ${role} changed the store`)
        }

        // Allowed roles: success, each on a world of its own (an allowed write changes what the next would see).
        for (const role of roles) {
          if (expectation !== "public" && ranks[role] < ranks[expectation]) continue
          const fresh = yield* makeKeyedWorld(`-${role}`)
          const reply = yield* send(operation, build(fresh.world), `Bearer ${fresh.secrets[role]}`)
          assert.isTrue(
            reply.status >= 200 && reply.status < 300,
            `${operation} as ${role}: ${reply.status} ${reply.body}`
          )
        }
      }).pipe(Effect.provide(TestServer()))
    )
  }

  it.effect("/docs and /openapi.json need no key", () =>
    Effect.gen(function* () {
      for (const path of ["/docs", "/openapi.json", "/health"]) {
        const reply = yield* send(`GET ${path}`, { path }, undefined)
        assert.strictEqual(reply.status, 200, path)
      }
    }).pipe(Effect.provide(TestServer()))
  )

  it.effect("the assignment chain: a member can neither take, move nor hand back another member's task", () =>
    Effect.gen(function* () {
      yield* TestClock.setTime(Date.parse("2026-03-02T09:00:00Z"))
      const { world, secrets } = yield* makeKeyedWorld("chain")
      const asMember = `Bearer ${secrets.member}`
      const post = (path: string, body: unknown, authorization: string) =>
        send("POST /x", { path, body }, authorization)
      const managerTask = `/tasks/${world.managerTask.id}`
      yield* send("GET /me", { path: "/me" }, asMember) // stamps the key's lastUsedAt before the snapshot
      const before = yield* storeSnapshot
      for (const [path, body] of [
        [`${managerTask}/assign`, { assigneeId: world.member.id }],
        [`${managerTask}/transition`, { to: "in_progress" }],
        [`${managerTask}/assign`, { assigneeId: null }]
      ] as const) {
        const reply = yield* post(path, body, asMember)
        assert.strictEqual(reply.status, 403, `${path}: ${reply.body}`)
      }
      const patched = yield* send(
        `PATCH ${managerTask}`,
        { path: managerTask, body: { assigneeId: world.member.id } },
        asMember
      )
      assert.strictEqual(patched.status, 403)
      assert.deepStrictEqual(yield* storeSnapshot, before)
      // What a member may do: take the unassigned task, move it, give it back.
      const unassigned = `/tasks/${world.unassignedTask.id}`
      assert.strictEqual((yield* post(`${unassigned}/assign`, { assigneeId: world.member.id }, asMember)).status, 200)
      assert.strictEqual((yield* post(`${unassigned}/transition`, { to: "in_progress" }, asMember)).status, 200)
      assert.strictEqual((yield* post(`${unassigned}/assign`, { assigneeId: null }, asMember)).status, 200)
      // A manager reassigns the task to the member, who may then move it.
      const asManager = `Bearer ${secrets.manager}`
      assert.strictEqual((yield* post(`${managerTask}/assign`, { assigneeId: world.member.id }, asManager)).status, 200)
      assert.strictEqual((yield* post(`${managerTask}/transition`, { to: "in_progress" }, asMember)).status, 200)
    }).pipe(Effect.provide(TestServer()))
  )
})
