import { Crm, IdGenerator } from "@agency-crm/core"
import { CrmHttpClient, CrmHttpServer, NodeSecretHasher } from "@agency-crm/http"
import { SqliteStore } from "@agency-crm/sqlite"
import { NodeHttpServer } from "@effect/platform-node"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Layer } from "effect"
import { checklists, ChecklistsApi } from "../src/index.js"

const ADMIN_KEY = "acrm_test-admin-key-0123456789abcdefghijklmnop"

const Server = CrmHttpServer.layer({
  bootstrap: { adminKey: ADMIN_KEY },
  plugins: [
    checklists({
      checklists: {
        seo: [
          { title: "Technical audit", dueInDays: 7 },
          { title: "Keyword research", dueInDays: 14 },
          { title: "Monthly report" }
        ]
      },
      requireBudgetFor: ["seo"]
    })
  ]
}).pipe(
  Layer.provideMerge(
    Crm.layer.pipe(
      Layer.provide(NodeSecretHasher),
      Layer.provideMerge(SqliteStore.layerMemory),
      Layer.provideMerge(IdGenerator.layer)
    )
  ),
  Layer.provideMerge(NodeHttpServer.layerTest)
)

describe("the checklists example plugin", () => {
  it.live("refuses to start an SEO project without a budget, then creates its checklist when it starts", () =>
    Effect.gen(function* () {
      const api = yield* CrmHttpClient.make({ apiKey: ADMIN_KEY, plugins: [ChecklistsApi] })
      const manager = yield* api.team.create({ payload: { name: "Marta", email: "marta@agency.test" } })
      const acme = yield* api.clients.create({ payload: { name: "Acme", kind: "client" } })
      const project = yield* api.projects.create({
        payload: { clientId: acme.id, name: "SEO", campaignType: "seo", managerId: manager.id, startDate: "2026-01-05" }
      })
      const refused = yield* Effect.flip(
        api.projects.transition({ path: { id: project.id }, payload: { to: "active" }, headers: {} })
      )
      assert.strictEqual(refused._tag, "RuleViolated")
      assert.strictEqual((refused as { rule: string }).rule, "checklists.budget_required")
      assert.strictEqual((yield* api.projects.get({ path: { id: project.id } })).status, "planned")
      assert.strictEqual((yield* api.tasks.list({ urlParams: { projectId: project.id } })).items.length, 0)

      yield* api.projects.update({
        path: { id: project.id },
        payload: { budget: { amountMinor: 500_000, currency: "EUR" } },
        headers: {}
      })
      yield* api.projects.transition({ path: { id: project.id }, payload: { to: "active" }, headers: {} })
      let progress = yield* api.checklists.progress({ path: { id: project.id } })
      for (let i = 0; i < 200 && progress.items.some((item) => item.status === "missing"); i++) {
        yield* Effect.sleep("20 millis")
        progress = yield* api.checklists.progress({ path: { id: project.id } })
      }
      assert.deepStrictEqual(
        progress.items.map((item) => [item.title, item.status]),
        [
          ["Technical audit", "todo"],
          ["Keyword research", "todo"],
          ["Monthly report", "todo"]
        ]
      )
      const tasks = yield* api.tasks.list({ urlParams: { projectId: project.id } })
      assert.deepStrictEqual(tasks.items.map((task) => [task.title, task.dueDate]).sort(), [
        ["Keyword research", "2026-01-19"],
        ["Monthly report", null],
        ["Technical audit", "2026-01-12"]
      ])

      // Put on hold and resumed: the checklist is not created again.
      yield* api.projects.transition({ path: { id: project.id }, payload: { to: "on_hold" }, headers: {} })
      yield* api.projects.transition({ path: { id: project.id }, payload: { to: "active" }, headers: {} })
      yield* Effect.sleep("200 millis")
      assert.strictEqual((yield* api.tasks.list({ urlParams: { projectId: project.id } })).items.length, 3)
      assert.deepStrictEqual(
        (yield* api.checklists.template({ path: { campaignType: "seo" } })).map((item) => item.title),
        ["Technical audit", "Keyword research", "Monthly report"]
      )
      assert.deepStrictEqual(yield* api.checklists.template({ path: { campaignType: "video" } }), [])
      // Its consumer's progress, over HTTP: caught up.
      const [status] = yield* api.plugins.status()
      assert.strictEqual(status!.name, "checklists")
      assert.strictEqual(status!.checks, 1)
      assert.deepStrictEqual(
        status!.consumers.map((c) => [c.name, c.state, c.lag]),
        [["starter", "running", 0]]
      )
    }).pipe(Effect.provide(Server))
  )
})
