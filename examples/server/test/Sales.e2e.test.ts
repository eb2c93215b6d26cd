import { LocalDate } from "@agency-crm/core"
import * as CrmHttpClient from "@agency-crm/http/client"
import { FetchHttpClient } from "@effect/platform"
import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { join } from "node:path"
import { printedKey, startServer, tempDir } from "./serverProcess.js"

const d = (s: string) => LocalDate.make(s)
const eur = (amountMinor: number) => ({ amountMinor, currency: "EUR" })

/** Runs an Effect program with the typed client against `url`. */
const withClient = <A, E>(url: string, apiKey: string, body: (api: CrmHttpClient.Client) => Effect.Effect<A, E>) =>
  Effect.runPromise(
    Effect.flatMap(CrmHttpClient.make({ baseUrl: url, apiKey }), body).pipe(Effect.provide(FetchHttpClient.layer))
  )

describe("the sales side through the typed client, against the example server", () => {
  it("master data, a prospect and its contact, a first call, opportunities through every stage to a sale", async () => {
    const temp = tempDir()
    try {
      const server = await startServer({ CRM_DB_FILE: join(temp.dir, "sales.db") })
      const adminKey = printedKey(server.stdout())!
      const team = await withClient(server.url, adminKey, (admin) =>
        Effect.gen(function* () {
          const marta = yield* admin.team.create({
            payload: { name: "Marta Ruiz", email: "marta@agency.test", role: "manager" }
          })
          const leo = yield* admin.team.create({ payload: { name: "Leo Chen", email: "leo@agency.test" } })
          const martaKey = yield* admin.apiKeys.create({ payload: { memberId: marta.id, name: "laptop" } })
          const leoKey = yield* admin.apiKeys.create({ payload: { memberId: leo.id, name: "phone" } })
          return { marta, leo, martaKey: martaKey.secret, leoKey: leoKey.secret }
        })
      )

      // Master data: the defaults are there; the manager adds the agency's own.
      const setup = await withClient(server.url, team.martaKey, (api) =>
        Effect.gen(function* () {
          const sources = (yield* api.originations.list({ urlParams: {} })).items
          assert.includeMembers(
            sources.map((s) => s.name),
            ["Referral", "Website", "Cold call", "Event"]
          )
          const fair = yield* api.originations.create({ payload: { name: "Hostelco trade fair" } })
          const duplicate = yield* Effect.flip(api.originations.create({ payload: { name: "HOSTELCO trade fair" } }))
          assert.strictEqual(duplicate._tag, "AlreadyExists")
          const bakeries = yield* api.markets.create({ payload: { name: "Bakeries" } })
          const owner = (yield* api.positions.list({ urlParams: { limit: 200 } })).items.find(
            (p) => p.name === "Founder"
          )!
          // The prospect, from the fair, in its market; its contact holds a listed position.
          const prospect = yield* api.clients.create({
            payload: { name: "Panadería Sol", kind: "prospect", marketId: bakeries.id, originationId: fair.id }
          })
          const sol = yield* api.contacts.create({
            payload: { clientId: prospect.id, name: "Sol Ortega", positionId: owner.id, position: "Owner and baker" }
          })
          const listed = yield* api.clients.list({ urlParams: { kind: "prospect", marketId: bakeries.id } })
          assert.deepStrictEqual(
            listed.items.map((c) => c.id),
            [prospect.id]
          )
          return { fair, bakeries, prospect, sol }
        })
      )

      // The member works the lead: the first call with its next step, and the opportunity from it in one call.
      const sale = await withClient(server.url, team.leoKey, (api) =>
        Effect.gen(function* () {
          const call = yield* api.interactions.create({
            payload: {
              contactId: setup.sol.id,
              kind: "call",
              summary: "First call: three shops, wants more footfall",
              nextStep: "Write the proposal",
              followUp: { title: "Write the proposal", assigneeId: team.leo.id, dueDate: d("2026-12-10") }
            }
          })
          assert.strictEqual(call.interaction.clientId, setup.prospect.id)
          assert.isNull(call.followUpTask!.projectId)
          const work = yield* api.team.work({ path: { id: team.leo.id }, urlParams: {} })
          assert.include(
            work.items.map((t) => t.id),
            call.followUpTask!.id
          )
          const deal = yield* api.opportunities.create({
            payload: {
              name: "Sol: local SEO and social",
              originInteractionId: call.interaction.id,
              amount: eur(900_000),
              expectedCloseDate: d("2027-01-31")
            }
          })
          assert.strictEqual(deal.ownerId, team.leo.id)
          assert.strictEqual(deal.contactId, setup.sol.id)
          assert.strictEqual(deal.originationId, setup.fair.id)
          assert.strictEqual(deal.marketId, setup.bakeries.id)
          assert.strictEqual(deal.probability, 10)
          let current = deal
          for (const to of ["presentation", "proposal", "negotiation"] as const) {
            current = yield* api.opportunities.move({ path: { id: deal.id }, headers: {}, payload: { to } })
          }
          const back = yield* Effect.flip(
            api.opportunities.move({ path: { id: deal.id }, headers: {}, payload: { to: "proposal" } })
          )
          assert.strictEqual(back._tag, "ValidationFailed")
          current = yield* api.opportunities.move({
            path: { id: deal.id },
            headers: {},
            payload: { to: "proposal", note: "They want a smaller first phase" }
          })
          current = yield* api.opportunities.move({
            path: { id: deal.id },
            headers: { "if-match": `"${current.version}"` },
            payload: { to: "standby", note: "Waiting for the bank loan" }
          })
          current = yield* api.opportunities.resume({ path: { id: deal.id }, headers: {}, payload: {} })
          assert.strictEqual(current.stage, "proposal")
          current = yield* api.opportunities.move({
            path: { id: deal.id },
            headers: {},
            payload: { to: "negotiation" }
          })
          const skip = yield* Effect.flip(
            api.opportunities.move({ path: { id: deal.id }, headers: {}, payload: { to: "interest" } })
          )
          assert.strictEqual(skip._tag, "ValidationFailed")
          // Two that do not become sales.
          const rejected = yield* api.opportunities.create({
            payload: { name: "Sol: loyalty app", clientId: setup.prospect.id }
          })
          const closed = yield* api.opportunities.move({
            path: { id: rejected.id },
            headers: {},
            payload: { to: "rejected", note: "Too expensive for now" }
          })
          assert.strictEqual(closed.stage, "rejected")
          const refused = yield* Effect.flip(
            api.opportunities.win({ path: { id: rejected.id }, headers: {}, payload: {} })
          )
          assert.strictEqual(refused._tag, "InvalidTransition")
          if (refused._tag === "InvalidTransition")
            assert.deepStrictEqual(refused.allowed, ["interest", "presentation", "proposal", "negotiation"])
          const unqualified = yield* api.opportunities.create({
            payload: { name: "Sol: franchise", clientId: setup.prospect.id }
          })
          yield* api.opportunities.move({
            path: { id: unqualified.id },
            headers: {},
            payload: { to: "not_qualified", note: "No franchise plans" }
          })
          const pipeline = yield* api.opportunities.pipeline({ urlParams: { ownerId: team.leo.id } })
          assert.deepStrictEqual(
            pipeline.stages.find((s) => s.stage === "negotiation"),
            {
              stage: "negotiation",
              count: 1,
              amounts: [{ currency: "EUR", totalMinor: 900_000, weightedMinor: 675_000 }]
            }
          )
          return { deal: current, rejected, unqualified }
        })
      )

      // The manager wins it: the sales order, the prospect becomes a client, the first project opens.
      const won = await withClient(server.url, team.martaKey, (api) =>
        Effect.gen(function* () {
          const won = yield* api.opportunities.win({
            path: { id: sale.deal.id },
            headers: {},
            payload: {
              salesOrder: { date: d("2026-12-15") },
              project: { name: "Sol local SEO", campaignType: "seo", managerId: team.marta.id },
              note: "Signed at the bakery"
            }
          })
          assert.strictEqual(won.opportunity.stage, "sales_order")
          assert.strictEqual(won.opportunity.salesOrderNumber, "SO-2026-0001")
          assert.deepStrictEqual(won.opportunity.salesOrderAmount, eur(900_000))
          assert.deepStrictEqual(won.project?.budget, eur(900_000))
          assert.strictEqual((yield* api.clients.get({ path: { id: setup.prospect.id } })).kind, "client")
          const history = yield* api.opportunities.history({ path: { id: sale.deal.id }, urlParams: {} })
          assert.deepStrictEqual(
            history.items.map((h) => h.kind),
            ["created", "advanced", "advanced", "advanced", "moved_back", "paused", "resumed", "advanced", "won"]
          )
          assert.strictEqual(history.items[history.items.length - 1]!.changedById, team.marta.id)
          const timeline = yield* api.clients.timeline({ path: { id: setup.prospect.id }, urlParams: { limit: 200 } })
          const types = timeline.items.flatMap((i) => (i.kind === "change" ? [i.event.type] : []))
          assert.includeMembers(types, [
            "opportunity.created",
            "opportunity.stage_changed",
            "opportunity.won",
            "client.converted"
          ])
          const found = yield* api.search.search({ urlParams: { q: "franchise", types: ["opportunity"] } })
          assert.deepStrictEqual(
            found.items.map((h) => h.entityId),
            [sale.unqualified.id]
          )
          const closed = yield* api.opportunities.list({ urlParams: { stage: ["rejected", "not_qualified"] } })
          assert.sameMembers(
            closed.items.map((o) => o.id),
            [sale.rejected.id, sale.unqualified.id]
          )
          // The fair is in use: archived, not deleted.
          const inUse = yield* Effect.flip(api.originations.remove({ path: { id: setup.fair.id }, headers: {} }))
          assert.strictEqual(inUse._tag, "HasDependents")
          yield* api.originations.archive({ path: { id: setup.fair.id }, headers: {} })
          return won
        })
      )
      assert.isNotNull(won.project)
      assert.strictEqual(await server.stop(), 0)
    } finally {
      temp.remove()
    }
  })
})
