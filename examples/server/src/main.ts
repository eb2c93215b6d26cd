import { Crm, FeedPollInterval, IdGenerator, type StoragePorts } from "@agency-crm/core"
import { CrmHttpServer, NodeSecretHasher } from "@agency-crm/http"
import { PostgresStore } from "@agency-crm/postgres"
import { type OpenError, SqliteStore } from "@agency-crm/sqlite"
import type { SqlClient } from "@effect/sql"
import { webhooks } from "@agency-crm/webhooks"
import { HttpServer } from "@effect/platform"
import { NodeHttpServer, NodeRuntime } from "@effect/platform-node"
import { Cause, Console, Duration, Effect, Layer, Logger, LogLevel } from "effect"
import { createServer } from "node:http"
import { existsSync } from "node:fs"
import { join, resolve } from "node:path"
import { type LogFormat, type ServerConfig, serverConfig } from "./config.js"
import { DEMO_ADMIN_KEY, seedDemo } from "./demo.js"
import { startupErrorLine } from "./startupError.js"

const demo = process.argv.includes("--demo")

/** Where `examples/web` builds the team's web app, beside this bundle's directory. */
const WEB_APP = join(import.meta.dirname, "..", "..", "web", "dist")
const webAppBuilt = existsSync(join(WEB_APP, "index.html"))
// The demo's database gets the fixed demo key unless one is given.
const demoKey = demo && process.env.CRM_BOOTSTRAP_ADMIN_KEY === undefined

const loggers: Record<LogFormat, Logger.Logger<unknown, unknown>> = {
  json: Logger.jsonLogger,
  logfmt: Logger.logfmtLogger,
  pretty: Logger.prettyLoggerDefault
}

/** Structured logs on stderr, so stdout carries only what a person starting the server needs to read. */
const logging = (format: LogFormat, level: LogLevel.LogLevel) =>
  Layer.merge(
    Logger.replace(Logger.defaultLogger, Logger.withConsoleError(loggers[format])),
    Logger.minimumLogLevel(level)
  )

// `pnpm start` runs in this package's directory; a relative CRM_DB_FILE means the directory it was run from.
const databasePath = (file: string) => resolve(process.env.INIT_CWD ?? process.cwd(), file)

/** The CRM's services on one database or the other. */
type Services = Layer.Layer<
  Crm.Services | StoragePorts | IdGenerator | SqlClient.SqlClient,
  OpenError | PostgresStore.PostgresOpenFailed
>

/** The CRM's services on the SQLite file. */
const onSqlite = (filename: string, poll: Duration.Duration): Services =>
  Crm.layer.pipe(
    Layer.provide(Layer.succeed(FeedPollInterval, poll)),
    Layer.provide(NodeSecretHasher),
    Layer.provideMerge(SqliteStore.layer({ filename })),
    Layer.provideMerge(IdGenerator.layer)
  )

/** The CRM's services on PostgreSQL, woken by the commits of the other servers sharing the database. */
const onPostgres = (url: string, poll: Duration.Duration): Services => {
  const services = Crm.layer.pipe(
    Layer.provide(Layer.succeed(FeedPollInterval, poll)),
    Layer.provide(NodeSecretHasher),
    Layer.provideMerge(PostgresStore.layer({ url })),
    Layer.provideMerge(IdGenerator.layer)
  )
  return Layer.merge(services, PostgresStore.notifications.pipe(Layer.provide(services)))
}

/** A database URL without its password, for the start-up lines. */
const redactedUrl = (url: string) => {
  const parsed = new URL(url)
  if (parsed.password !== "") parsed.password = "***"
  return parsed.toString()
}

const app = (config: ServerConfig) => {
  // Node enforces the header and whole-request timeouts (408, connection closed) on its own clock, checked
  // every second rather than its default 30 s.
  const nodeServer = createServer({
    headersTimeout: config.headersTimeoutMs,
    requestTimeout: config.requestTimeoutMs,
    connectionsCheckingInterval: Math.min(1_000, config.headersTimeoutMs)
  })
  const dbFile = databasePath(config.dbFile)
  const database = config.databaseUrl === undefined ? dbFile : redactedUrl(config.databaseUrl)
  const poll = Duration.millis(config.feedPollIntervalMs)
  const services = config.databaseUrl === undefined ? onSqlite(dbFile, poll) : onPostgres(config.databaseUrl, poll)
  const seeded = demo
    ? Layer.effectDiscard(
        Effect.flatMap(seedDemo, (summary) =>
          summary === null ? Effect.void : Effect.logInfo("demo data loaded").pipe(Effect.annotateLogs({ ...summary }))
        )
      ).pipe(Layer.provideMerge(services))
    : services
  const http = CrmHttpServer.layer({
    // Request logs are at info level: below it nobody sees them, so they are not written.
    logRequests: LogLevel.greaterThanEqual(LogLevel.Info, config.logLevel),
    maxBodyBytes: config.maxBodyBytes,
    bodyTimeoutMs: config.bodyTimeoutMs,
    requireIfMatch: config.requireIfMatch,
    authThrottle: { trustedProxies: config.trustedProxies },
    eventStreams: { maxTotal: config.maxEventStreams, maxPerKey: config.maxEventStreamsPerKey },
    idempotency: { retentionMs: config.idempotencyRetentionMs },
    bootstrap: demoKey ? { adminKey: DEMO_ADMIN_KEY } : {},
    // The team's web app, when it has been built (`pnpm start` and `pnpm demo` build it first).
    site: webAppBuilt ? { directory: WEB_APP } : undefined,
    plugins: [
      webhooks({
        allowedNetworks: config.webhookAllowedNetworks,
        ...(config.webhookRetryScheduleMs.length === 0 ? {} : { retryScheduleMs: config.webhookRetryScheduleMs })
      })
    ]
  }).pipe(Layer.provideMerge(NodeHttpServer.layer(() => nodeServer, { port: config.port, host: config.host })))

  // Built last, so released first: stop taking requests, give the in-flight ones the grace period, then
  // the server closes and, after it, the database.
  const lifecycle = Layer.scopedDiscard(
    Effect.gen(function* () {
      const server = yield* HttpServer.HttpServer
      const port = server.address._tag === "TcpAddress" ? server.address.port : config.port
      const host = config.host === "0.0.0.0" || config.host === "127.0.0.1" ? "localhost" : config.host
      const url = `http://${host}:${port}`
      yield* Console.log(
        [
          `Agency CRM is running at ${url}`,
          ...(webAppBuilt ? [`  web app:   ${url}/`] : []),
          `  API docs:  ${url}/docs`,
          `  OpenAPI:   ${url}/openapi.json`,
          `  database:  ${database}${demo ? " (demo data)" : ""}`,
          ...(demoKey ? [`  demo admin key: ${DEMO_ADMIN_KEY}`] : []),
          "Stop with Ctrl+C."
        ].join("\n")
      )
      yield* Effect.logInfo("listening").pipe(Effect.annotateLogs({ url, database, demo }))
      yield* Effect.addFinalizer(() =>
        Effect.gen(function* () {
          yield* Effect.logInfo("shutting down: finishing in-flight requests").pipe(
            Effect.annotateLogs({ graceMs: config.shutdownGraceMs })
          )
          nodeServer.closeIdleConnections()
          // Long-lived responses (event streams) would hold the close forever: cut them after the grace period.
          setTimeout(() => nodeServer.closeAllConnections(), config.shutdownGraceMs).unref()
        })
      )
    })
  )
  return lifecycle.pipe(Layer.provide(http), Layer.provide(seeded))
}

const main = Effect.gen(function* () {
  const config = yield* serverConfig(demo)
  return yield* Layer.launch(app(config)).pipe(
    // Runs once every layer is released: the server closed, then the database.
    Effect.onInterrupt(() => Effect.logInfo("stopped: server and database closed")),
    Effect.provide(logging(config.logFormat, config.logLevel))
  )
}).pipe(
  // A shutdown signal interrupts; anything else that ends the program is a failure to start or to run.
  Effect.tapErrorCause((cause) =>
    Cause.isInterruptedOnly(cause) ? Effect.void : Console.error(startupErrorLine(Cause.squash(cause)))
  )
)

NodeRuntime.runMain(main, { disableErrorReporting: true, disablePrettyLogger: true })
