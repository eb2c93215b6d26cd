import SwaggerParser from "@apidevtools/swagger-parser"
import { assert, describe, it } from "@effect/vitest"
import { build } from "esbuild"
import { Effect } from "effect"
import { join } from "node:path"
import { baseUrl, TestServer } from "./support.js"

const fetchText = (path: string) =>
  Effect.flatMap(baseUrl, (url) =>
    Effect.promise(async () => {
      const response = await fetch(`${url}${path}`)
      return { status: response.status, type: response.headers.get("content-type") ?? "", text: await response.text() }
    })
  )

describe("served documentation", () => {
  it.effect("/openapi.json passes an OpenAPI validator; every operation has a summary and its error responses", () =>
    Effect.gen(function* () {
      const served = yield* fetchText("/openapi.json")
      assert.strictEqual(served.status, 200)
      const document = JSON.parse(served.text)
      yield* Effect.promise(() => SwaggerParser.validate(structuredClone(document)))
      const operations = Object.entries(document.paths as Record<string, Record<string, any>>).flatMap(([path, item]) =>
        Object.entries(item).map(([method, op]) => ({ name: `${method} ${path}`, op }))
      )
      assert.isAbove(operations.length, 50)
      for (const { name, op } of operations) {
        assert.isString(op.summary, name)
        assert.isAbove(op.summary.length, 0, name)
        const statuses = Object.keys(op.responses)
        assert.isTrue(
          statuses.some((s) => s.startsWith("2")),
          `${name} has a success response`
        )
        if (name !== "get /health") {
          for (const status of ["400", "401", "500"]) assert.include(statuses, status, `${name} documents ${status}`)
        }
      }
    }).pipe(Effect.provide(TestServer()))
  )

  it.effect("/docs renders from assets served by the server itself, with no external URL", () =>
    Effect.gen(function* () {
      const docs = yield* fetchText("/docs")
      assert.strictEqual(docs.status, 200)
      assert.include(docs.type, "text/html")
      assert.include(docs.text, "Agency CRM")
      assert.isAbove(docs.text.length, 1_000_000)
      assert.notMatch(docs.text, /<script[^>]+src=/i)
      assert.notMatch(docs.text, /<link[^>]+href=["']https?:/i)
      // The Scalar bundle is inlined; its configuration turns off the web fonts it would otherwise fetch.
      const config = /<script id="api-reference" type="application\/json">([\s\S]*?)<\/script>/.exec(docs.text)
      assert.isNotNull(config)
      assert.include(docs.text, '"withDefaultFonts":false')
      assert.strictEqual((yield* fetchText("/health")).status, 200)
    }).pipe(Effect.provide(TestServer()))
  )

  it("the client entry point bundles without any server code", async () => {
    const result = await build({
      entryPoints: [join(import.meta.dirname, "..", "src", "client.ts")],
      bundle: true,
      write: false,
      format: "esm",
      platform: "node",
      external: ["effect", "@effect/*"],
      logLevel: "silent",
      metafile: true
    })
    // Modules that contribute code to the bundle (tree-shaken ones contribute nothing).
    const inputs = Object.values(result.metafile.outputs).flatMap((output) =>
      Object.entries(output.inputs)
        .filter(([, contribution]) => contribution.bytesInOutput > 0)
        .map(([file]) => file)
    )
    assert.isTrue(inputs.some((file) => file.includes("packages/http/src/api/")))
    assert.deepStrictEqual(
      inputs.filter((file) => file.includes("packages/http/src/server/")),
      []
    )
    const serviceCode = inputs.filter((file) => /packages\/core\/src\/(services|testing)\//.test(file))
    assert.deepStrictEqual(serviceCode, [])
    assert.notMatch(result.outputFiles![0]!.text, /ActorFromHeaderLive|HttpApiScalar|MemoryStore/)
  })
})
