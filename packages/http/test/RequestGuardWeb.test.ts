import { assert, describe, it } from "@effect/vitest"
import { HttpApp, HttpServerRequest, HttpServerResponse } from "@effect/platform"
import { Effect } from "effect"
import { requestGuard } from "../src/server/requestGuard.js"

// On a server whose requests are not Node streams (a web `Request`, as Bun or Deno hand them over), the guard
// reads bodies through the platform: the same answers, the same parsed body for the API.
const echo = Effect.flatMap(HttpServerRequest.HttpServerRequest, (request) =>
  Effect.map(Effect.orDie(request.json), (json) => HttpServerResponse.unsafeJson({ received: json }))
)
const handler = HttpApp.toWebHandler(requestGuard({ maxBodyBytes: 200 })(echo))

const post = (body: string | Uint8Array, headers: Record<string, string> = { "content-type": "application/json" }) =>
  Effect.promise(async () => {
    const response = await handler(new Request("http://crm.test/clients", { method: "POST", headers, body }))
    return { status: response.status, body: (await response.json()) as Record<string, unknown> }
  })

describe("the request guard on a web Request", () => {
  it.effect("passes a valid body through once parsed, and refuses what the Node path refuses", () =>
    Effect.gen(function* () {
      const ok = yield* post('{"name":"Web"}')
      assert.strictEqual(ok.status, 200)
      assert.deepStrictEqual(ok.body["received"], { name: "Web" })
      assert.strictEqual((yield* post('{"name":"x"}', { "content-type": "text/plain" })).status, 415)
      assert.strictEqual((yield* post(JSON.stringify({ name: "y".repeat(300) }))).status, 413)
      assert.strictEqual((yield* post(new Uint8Array([0x7b, 0x22, 0xff, 0x22, 0x7d]))).status, 400)
      const deep = yield* post("[".repeat(70) + "]".repeat(70))
      assert.strictEqual(deep.status, 400)
      assert.strictEqual(deep.body["_tag"], "ValidationFailed")
    })
  )
})
