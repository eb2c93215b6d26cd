import { assert, describe, it } from "@effect/vitest"
import { HttpApiSchema, type HttpApiEndpoint, HttpServerResponse } from "@effect/platform"
import { Arbitrary, Effect, FastCheck, Schema } from "effect"
import { CrmApi } from "../src/index.js"
import { successResponder } from "../src/server/compiledResponses.js"

const endpoints = Object.values(CrmApi.groups).flatMap((group) =>
  Object.values(group.endpoints).map((endpoint) => ({
    name: `${group.identifier}.${endpoint.name}`,
    endpoint: endpoint as HttpApiEndpoint.HttpApiEndpoint.AnyWithProps
  }))
)

const bodyText = (response: HttpServerResponse.HttpServerResponse) => {
  assert.strictEqual(response.body._tag, "Uint8Array")
  return new TextDecoder().decode((response.body as { readonly body: Uint8Array }).body)
}

describe("compiled responses", () => {
  it("answer every endpoint with a JSON entity, page or report, and leave empty, streamed and union responses alone", () => {
    const kept = endpoints.filter(({ endpoint }) => successResponder(endpoint) === undefined).map(({ name }) => name)
    // No content (removals), the event stream (not JSON), and the allocation union.
    for (const name of kept) {
      const ast = endpoints.find((e) => e.name === name)!.endpoint.successSchema.ast
      const json = HttpApiSchema.getEncoding(ast).kind === "Json"
      assert.isTrue(HttpApiSchema.isVoid(ast) || ast._tag === "Union" || !json, name)
    }
    assert.isAbove(endpoints.length - kept.length, 40)
  })

  for (const { name, endpoint } of endpoints) {
    const respond = successResponder(endpoint)
    if (respond === undefined) continue
    it.effect(`${name}: same status, content type and body as the framework's encoding`, () =>
      Effect.gen(function* () {
        const schema = endpoint.successSchema as Schema.Schema<unknown, unknown, never>
        const stock = Schema.encode(schema)
        for (const value of FastCheck.sample(Arbitrary.make(schema), { numRuns: 5, seed: 7 })) {
          const response = yield* respond(value)
          assert.strictEqual(response.status, HttpApiSchema.getStatusSuccess(schema))
          assert.strictEqual(response.headers["content-type"] ?? response.body.contentType, "application/json")
          assert.strictEqual(bodyText(response), JSON.stringify(yield* stock(value)))
        }
      })
    )
  }

  it.effect("an entity that does not encode is a defect (500), not a client error", () =>
    Effect.gen(function* () {
      const get = endpoints.find((e) => e.name === "tasks.get")!.endpoint
      const exit = yield* Effect.exit(successResponder(get)!({ id: "not a task" }))
      assert.isTrue(exit._tag === "Failure" && exit.cause._tag === "Die")
    })
  )
})
