import { Crm, IdGenerator, SearchIndex, StorageError } from "@agency-crm/core"
import { SqliteStore } from "@agency-crm/sqlite"
import { NodeHttpServer } from "@effect/platform-node"
import { assert, describe, it } from "@effect/vitest"
import { Cause, Console, Effect, Layer, Logger, LogLevel } from "effect"
import { CrmHttpServer } from "../src/index.js"
import { ADMIN_KEY, recordingConsole, send } from "./support.js"

interface LogLine {
  readonly level: string
  readonly message: string
  readonly cause: string
  readonly annotations: Record<string, unknown>
}

/** A server whose search fails as `fail` says, logging into `lines` at `level` and above. */
const serverWithBrokenSearch = (
  fail: Effect.Effect<never, StorageError>,
  lines: Array<LogLine>,
  options: CrmHttpServer.ServerOptions = {}
) => {
  const brokenSearch = Layer.succeed(SearchIndex, { search: () => fail })
  const services = Crm.layer.pipe(
    Layer.provide(brokenSearch),
    Layer.provideMerge(SqliteStore.layerMemory),
    Layer.provideMerge(IdGenerator.layer)
  )
  const logger = Logger.make<unknown, void>(({ annotations, cause, logLevel, message }) => {
    lines.push({
      level: logLevel.label,
      message: Array.isArray(message) ? message.map(String).join(" ") : String(message),
      cause: Cause.isEmpty(cause) ? "" : Cause.pretty(cause),
      annotations: Object.fromEntries(annotations)
    })
  })
  return CrmHttpServer.layer({ bootstrap: { adminKey: ADMIN_KEY }, ...options }).pipe(
    Layer.provideMerge(services),
    Layer.provideMerge(NodeHttpServer.layerTest),
    Layer.provide(Console.setConsole(recordingConsole([]))),
    Layer.provide(Logger.replace(Logger.defaultLogger, logger)),
    Layer.provide(Logger.minimumLogLevel(LogLevel.Warning))
  )
}

describe("server errors", () => {
  it.effect("a 500 is logged at the error level with its cause, even when requests are not logged", () => {
    const lines: Array<LogLine> = []
    const failure = new StorageError({ operation: "search", message: "disk I/O error", cause: new Error("EIO") })
    return Effect.gen(function* () {
      const reply = yield* send("GET", "/search?q=aurora")
      assert.strictEqual(reply.status, 500)
      assert.strictEqual(reply.body._tag, "StorageError")
      const errors = lines.filter((line) => line.level === "ERROR")
      assert.strictEqual(errors.length, 1, JSON.stringify(lines))
      assert.strictEqual(errors[0]!.annotations["http.status"], 500)
      assert.strictEqual(errors[0]!.annotations["http.url"], "/search?q=aurora")
      assert.include(errors[0]!.cause, "disk I/O error")
      // Client errors are not server errors.
      assert.strictEqual((yield* send("GET", "/search")).status, 400)
      assert.strictEqual(lines.filter((line) => line.level === "ERROR").length, 1)
    }).pipe(Effect.provide(serverWithBrokenSearch(Effect.fail(failure), lines)))
  })

  it.effect("a defect is a 500, logged at the error level with the defect", () => {
    const lines: Array<LogLine> = []
    return Effect.gen(function* () {
      const reply = yield* send("GET", "/search?q=aurora")
      assert.strictEqual(reply.status, 500)
      // The defect is logged, not sent: the client gets a tagged body without it.
      assert.strictEqual(reply.body._tag, "InternalServerError")
      assert.notInclude(JSON.stringify(reply.body), "exploded")
      const errors = lines.filter((line) => line.level === "ERROR")
      assert.strictEqual(errors.length, 1, JSON.stringify(lines))
      assert.include(errors[0]!.cause, "the index exploded")
      assert.strictEqual(errors[0]!.annotations["http.status"], 500)
    }).pipe(Effect.provide(serverWithBrokenSearch(Effect.die(new Error("the index exploded")), lines)))
  })
})
