import { DEFAULT_MARKETS } from "@agency-crm/core"
import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { aTaskWorld, type Reply, send, TestServer } from "./support.js"

const json = (value: unknown) => JSON.stringify(value)

/** Asserts a 4xx with the tag, naming each field in `fields`. */
const refused = (reply: Reply, status: number, tag: string, fields: ReadonlyArray<string> = []) => {
  assert.strictEqual(reply.status, status, JSON.stringify(reply.body))
  assert.strictEqual(reply.body._tag, tag, JSON.stringify(reply.body))
  for (const field of fields) assert.include(JSON.stringify(reply.body), field)
}

// How many rows each sales list holds: a refused request leaves every one as it was.
const counts = Effect.gen(function* () {
  const total = (path: string) => Effect.map(send("GET", `${path}?limit=200`), (r) => (r.body.items as []).length)
  return {
    opportunities: yield* total("/opportunities"),
    markets: yield* total("/markets"),
    tasks: yield* total("/tasks"),
    interactions: yield* total("/interactions"),
    clients: yield* total("/clients")
  }
})

describe("the sales endpoints refuse bad input with a typed 4xx and write nothing", () => {
  it.effect("opportunities, master data, interactions and tasks", () =>
    Effect.gen(function* () {
      const { acme, marta, project } = yield* aTaskWorld
      const deal = (yield* send("POST", "/opportunities", json({ name: "Deal", clientId: acme.id }))).body
      const before = yield* counts

      refused(
        yield* send("POST", "/opportunities", json({ name: "", clientId: acme.id, probability: 101, stage: "won" })),
        400,
        "ValidationFailed",
        ["name", "probability", "stage"]
      )
      refused(yield* send("POST", "/opportunities", json({ name: "No organization" })), 400, "ValidationFailed", [
        "clientId"
      ])
      refused(
        yield* send(
          "POST",
          "/opportunities",
          json({ name: "X", clientId: acme.id, amount: { amountMinor: 1.5, currency: "eur" } })
        ),
        400,
        "ValidationFailed",
        ["amount.amountMinor", "amount.currency"]
      )
      refused(
        yield* send(
          "POST",
          "/opportunities",
          json({ name: "X", clientId: acme.id, stageChangedAt: "2026-01-01T00:00:00Z" })
        ),
        400,
        "ValidationFailed",
        ["stageChangedAt"]
      )
      refused(
        yield* send("POST", "/opportunities", json({ name: "X", clientId: acme.id, marketId: project.id })),
        422,
        "ReferencedEntityMissing",
        ["marketId"]
      )
      refused(
        yield* send("POST", `/opportunities/${deal.id}/move`, json({ to: "sales_order" })),
        400,
        "ValidationFailed",
        ["to"]
      )
      refused(
        yield* send("POST", `/opportunities/${deal.id}/move`, json({ to: "negotiation" })),
        409,
        "InvalidTransition"
      )
      refused(yield* send("POST", `/opportunities/${deal.id}/win`, json({})), 409, "InvalidTransition")
      refused(yield* send("POST", `/opportunities/${deal.id}/resume`, json({})), 409, "InvalidTransition")
      refused(
        yield* send("POST", `/opportunities/${deal.id}/win`, json({ salesOrder: { date: "2026-02-30" } })),
        400,
        "ValidationFailed",
        ["salesOrder.date"]
      )
      refused(yield* send("GET", "/pipeline?closeFrom=2026-13-01"), 400, "ValidationFailed", ["closeFrom"])
      refused(yield* send("GET", "/pipeline?ownerId=nobody"), 400, "ValidationFailed", ["ownerId"])
      refused(yield* send("GET", `/opportunities/${deal.id}/history?limit=0`), 400, "ValidationFailed", ["limit"])
      refused(yield* send("GET", `/opportunities/${marta.id}/history`), 404, "NotFound")
      refused(yield* send("POST", "/markets", json({ name: "  " })), 400, "ValidationFailed", ["name"])
      refused(yield* send("POST", "/markets", json({ name: "RETAIL " })), 409, "AlreadyExists", ["name"])
      refused(yield* send("POST", "/markets", json({ name: "New", archivedAt: null })), 400, "ValidationFailed", [
        "archivedAt"
      ])
      refused(yield* send("DELETE", `/markets/${acme.id}`), 404, "NotFound")
      refused(yield* send("POST", "/interactions", json({ kind: "call", summary: "Who?" })), 400, "ValidationFailed", [
        "clientId"
      ])
      refused(yield* send("POST", "/tasks", json({ title: "For whom?" })), 400, "ValidationFailed", ["projectId"])
      refused(
        yield* send("POST", "/tasks", json({ title: "Mixed", clientId: acme.id, opportunityId: acme.id })),
        422,
        "ReferencedEntityMissing",
        ["opportunityId"]
      )
      assert.deepStrictEqual(yield* counts, before)

      // An archived market takes no new references, over HTTP too.
      const retail = DEFAULT_MARKETS[0]!.id
      assert.strictEqual((yield* send("POST", `/markets/${retail}/archive`)).status, 200)
      refused(yield* send("POST", "/clients", json({ name: "Shop", marketId: retail })), 422, "RuleViolated", [
        "market_archived"
      ])
    }).pipe(Effect.provide(TestServer()))
  )
})
