import { assert, describe, it } from "@effect/vitest"
import { HttpApiEndpoint, HttpApiGroup, HttpApiSchema } from "@effect/platform"
import { Schema } from "effect"
import { CrmApi } from "../src/api/Api.js"
import { apiWith } from "../src/api/pluginApi.js"
import { streamedBodyRoutes } from "../src/server/streamedBodies.js"

describe("the endpoints whose bodies stream to their handlers", () => {
  it("are the import alone in the core API, matched by method and path with any kind and query", () => {
    const routes = streamedBodyRoutes(CrmApi)
    assert.deepStrictEqual(
      routes.map((route) => [route.method, route.mediaType]),
      [["POST", "text/csv"]]
    )
    const [imports] = routes
    for (const url of ["/data/imports/contacts", "/data/imports/all?partial=true", "/data/imports/tasks#x"]) {
      assert.isTrue(imports!.matches(url), url)
    }
    for (const url of ["/data/imports", "/data/imports/contacts/more", "/data/exports/contacts", "/x/data/imports/a"]) {
      assert.isFalse(imports!.matches(url), url)
    }
  })

  it("include a plugin's endpoint that declares a text or bytes payload, and no JSON one", () => {
    const group = HttpApiGroup.make("uploads")
      .add(
        HttpApiEndpoint.put("logo", "/uploads/v1.0/logos/:name")
          .setPath(Schema.Struct({ name: Schema.String }))
          .setPayload(HttpApiSchema.Uint8Array({ contentType: "image/png" }))
      )
      .add(HttpApiEndpoint.post("note", "/uploads/notes").setPayload(Schema.Struct({ text: Schema.String })))
    const routes = streamedBodyRoutes(apiWith([group]))
    assert.deepStrictEqual(
      routes.map((route) => [route.method, route.mediaType]),
      [
        ["POST", "text/csv"],
        ["PUT", "image/png"]
      ]
    )
    assert.isTrue(routes[1]!.matches("/uploads/v1.0/logos/a.png"))
    // A literal segment is matched as written: its dot is not "any character".
    assert.isFalse(routes[1]!.matches("/uploads/v1x0/logos/a.png"))
    assert.isFalse(routes[1]!.matches("/uploads/notes"))
  })
})
