import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { client, TestServer } from "./support.js"

describe("smoke", () => {
  it.effect("creates and reads a team member over HTTP", () =>
    Effect.gen(function* () {
      const api = yield* client()
      const member = yield* api.team.create({ payload: { name: "Marta", email: "marta@agency.test" } })
      const read = yield* api.team.get({ path: { id: member.id } })
      assert.strictEqual(read.email, "marta@agency.test")
      const health = yield* api.health.health()
      assert.strictEqual(health.status, "ok")
    }).pipe(Effect.provide(TestServer()))
  )
})
