import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { Clients, Projects, Search, Tasks } from "../src/index.js"
import { asMember, failure, hire, TestLayer } from "./support.js"

describe("Search service", () => {
  it.effect("finds entities by accent-insensitive word prefixes, filters by type and pages with a cursor", () =>
    Effect.gen(function* () {
      const manager = yield* hire("Marta", "marta@agency.test")
      const as = asMember(manager)
      const clients = yield* Clients
      const projects = yield* Projects
      const tasks = yield* Tasks
      const search = yield* Search
      const client = yield* as(clients.create({ name: "Gestión Integral SL", industry: "Consultoría" }))
      const project = yield* as(
        projects.create({
          clientId: client.id,
          name: "Gestion de redes",
          campaignType: "social_media",
          managerId: manager.id
        })
      )
      for (let i = 0; i < 3; i++) yield* as(tasks.create({ projectId: project.id, title: `Gestionar perfil ${i}` }))

      const all = yield* search.search({ q: "GESTI" })
      assert.strictEqual(all.items.length, 5)
      assert.isNull(all.nextCursor)
      const consult = yield* search.search({ q: "consultoria gest" })
      assert.deepStrictEqual(
        consult.items.map((h) => h.entityId),
        [client.id]
      )
      const onlyTasks = yield* search.search({ q: "redes", types: ["task"] })
      assert.deepStrictEqual(onlyTasks.items, [])
      const first = yield* search.search({ q: "gestionar", limit: 2 })
      assert.strictEqual(first.items.length, 2)
      const second = yield* search.search({ q: "gestionar", limit: 2, cursor: first.nextCursor! })
      assert.strictEqual(second.items.length, 1)
      assert.isNull(second.nextCursor)
      const blank = yield* failure(search.search({ q: "  " }))
      assert.strictEqual(blank._tag, "ValidationFailed")
      const symbols = yield* failure(search.search({ q: "¿¡?!" }))
      assert.strictEqual(symbols._tag, "ValidationFailed")
      if (symbols._tag === "ValidationFailed") assert.strictEqual(symbols.issues[0]?.path, "q")
    }).pipe(Effect.provide(TestLayer))
  )
})
