import { CrmHttpServer } from "@agency-crm/http"
import { Config, LogLevel, Option } from "effect"

const { DEFAULT_BODY_TIMEOUT_MS, DEFAULT_MAX_BODY_BYTES } = CrmHttpServer

/** Where the normal and the demo database live unless `CRM_DB_FILE` says otherwise. */
export const DEFAULT_DB_FILE = "./agency-crm.db"
/** The demo's own database, so `--demo` never touches real data. */
export const DEFAULT_DEMO_DB_FILE = "./agency-crm-demo.db"

/** How logs are written (to stderr): JSON lines, logfmt, or human-readable. */
export type LogFormat = "json" | "logfmt" | "pretty"

/** The server's settings, from the environment. */
export interface ServerConfig {
  readonly port: number
  readonly host: string
  readonly dbFile: string
  /** A PostgreSQL URL (`postgres://…`) to use instead of the SQLite file. */
  readonly databaseUrl: string | undefined
  readonly logLevel: LogLevel.LogLevel
  readonly logFormat: LogFormat
  /** How long in-flight requests may take to finish after a shutdown signal. */
  readonly shutdownGraceMs: number
  /** Largest request body, in bytes. */
  readonly maxBodyBytes: number
  /** How long a request body may take to arrive after its headers. */
  readonly bodyTimeoutMs: number
  /** How long a client may take to send a request's headers. */
  readonly headersTimeoutMs: number
  /** How long a client may take to send a whole request. */
  readonly requestTimeoutMs: number
  /** Refuse writes to existing entities without `If-Match` (428). */
  readonly requireIfMatch: boolean
  /** Proxies whose `X-Forwarded-For` names the client. */
  readonly trustedProxies: ReadonlyArray<string>
  /** Open event streams in all, and per API key. */
  readonly maxEventStreams: number
  readonly maxEventStreamsPerKey: number
  /** How long `Idempotency-Key` answers are kept. */
  readonly idempotencyRetentionMs: number
  /** How often live readers look for commits of other processes when nothing wakes them. */
  readonly feedPollIntervalMs: number
  /** Private networks webhooks may deliver to (CIDR or address). */
  readonly webhookAllowedNetworks: ReadonlyArray<string>
  /** The waits before each webhook retry, in milliseconds; empty for the plugin's default schedule. */
  readonly webhookRetryScheduleMs: ReadonlyArray<number>
}

const count = (name: string, fallback: number) =>
  Config.integer(name).pipe(
    Config.validate({ message: "expected a whole number >= 1", validation: (n) => n >= 1 }),
    Config.withDefault(fallback)
  )

const milliseconds = (name: string, fallback: number) =>
  Config.integer(name).pipe(
    Config.validate({ message: "expected a number of milliseconds >= 1", validation: (n) => n >= 1 }),
    Config.withDefault(fallback)
  )

const port = Config.integer("PORT").pipe(
  Config.validate({ message: "expected a port number from 0 to 65535", validation: (n) => n >= 0 && n <= 65_535 }),
  Config.withDefault(3000)
)

const timeouts = Config.all({
  headersTimeoutMs: milliseconds("CRM_HEADERS_TIMEOUT_MS", 10_000),
  requestTimeoutMs: milliseconds("CRM_REQUEST_TIMEOUT_MS", 30_000)
}).pipe(
  Config.validate({
    message: "CRM_REQUEST_TIMEOUT_MS must be at least CRM_HEADERS_TIMEOUT_MS",
    validation: (t) => t.requestTimeoutMs >= t.headersTimeoutMs
  })
)

/** Reads the server's settings from the environment (see docs/configuration.md). */
export const serverConfig = (demo: boolean): Config.Config<ServerConfig> =>
  Config.all({
    port,
    host: Config.string("HOST").pipe(Config.withDefault("127.0.0.1")),
    dbFile: Config.nonEmptyString("CRM_DB_FILE").pipe(
      Config.withDefault(demo ? DEFAULT_DEMO_DB_FILE : DEFAULT_DB_FILE)
    ),
    databaseUrl: Config.option(
      Config.string("CRM_DATABASE_URL").pipe(
        Config.validate({
          message: "expected a postgres:// or postgresql:// URL",
          validation: (url) => /^postgres(ql)?:\/\/./.test(url)
        })
      )
    ).pipe(Config.map(Option.getOrUndefined)),
    logLevel: Config.logLevel("LOG_LEVEL").pipe(Config.withDefault(LogLevel.Info)),
    logFormat: Config.literal("json", "logfmt", "pretty")("LOG_FORMAT").pipe(Config.withDefault("json" as const)),
    shutdownGraceMs: Config.integer("CRM_SHUTDOWN_GRACE_MS").pipe(
      Config.validate({ message: "expected a number of milliseconds >= 0", validation: (n) => n >= 0 }),
      Config.withDefault(10_000)
    ),
    maxBodyBytes: Config.integer("CRM_MAX_BODY_BYTES").pipe(
      Config.validate({ message: "expected a number of bytes >= 1", validation: (n) => n >= 1 }),
      Config.withDefault(DEFAULT_MAX_BODY_BYTES)
    ),
    bodyTimeoutMs: milliseconds("CRM_BODY_TIMEOUT_MS", DEFAULT_BODY_TIMEOUT_MS),
    requireIfMatch: Config.boolean("CRM_REQUIRE_IF_MATCH").pipe(Config.withDefault(false)),
    trustedProxies: Config.array(Config.nonEmptyString(), "CRM_TRUSTED_PROXIES").pipe(
      Config.withDefault([] as ReadonlyArray<string>)
    ),
    maxEventStreams: count("CRM_MAX_EVENT_STREAMS", 1_000),
    maxEventStreamsPerKey: count("CRM_MAX_EVENT_STREAMS_PER_KEY", 10),
    idempotencyRetentionMs: milliseconds("CRM_IDEMPOTENCY_RETENTION_MS", 24 * 60 * 60 * 1000),
    feedPollIntervalMs: milliseconds("CRM_FEED_POLL_INTERVAL_MS", 1_000),
    webhookAllowedNetworks: Config.array(Config.nonEmptyString(), "CRM_WEBHOOKS_ALLOWED_NETWORKS").pipe(
      Config.withDefault([] as ReadonlyArray<string>)
    ),
    webhookRetryScheduleMs: Config.array(
      Config.integer().pipe(
        Config.validate({ message: "expected a number of milliseconds >= 0", validation: (n) => n >= 0 })
      ),
      "CRM_WEBHOOKS_RETRY_SCHEDULE_MS"
    ).pipe(Config.withDefault([] as ReadonlyArray<number>))
  }).pipe(Config.zipWith(timeouts, (config, t) => ({ ...config, ...t })))
