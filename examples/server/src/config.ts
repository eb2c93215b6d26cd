import { Config, LogLevel } from "effect"

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
  readonly logLevel: LogLevel.LogLevel
  readonly logFormat: LogFormat
  /** How long in-flight requests may take to finish after a shutdown signal. */
  readonly shutdownGraceMs: number
}

const port = Config.integer("PORT").pipe(
  Config.validate({ message: "expected a port number from 0 to 65535", validation: (n) => n >= 0 && n <= 65_535 }),
  Config.withDefault(3000)
)

/** Reads `PORT`, `HOST`, `CRM_DB_FILE`, `LOG_LEVEL`, `LOG_FORMAT` and `CRM_SHUTDOWN_GRACE_MS`. */
export const serverConfig = (demo: boolean): Config.Config<ServerConfig> =>
  Config.all({
    port,
    host: Config.string("HOST").pipe(Config.withDefault("127.0.0.1")),
    dbFile: Config.nonEmptyString("CRM_DB_FILE").pipe(
      Config.withDefault(demo ? DEFAULT_DEMO_DB_FILE : DEFAULT_DB_FILE)
    ),
    logLevel: Config.logLevel("LOG_LEVEL").pipe(Config.withDefault(LogLevel.Info)),
    logFormat: Config.literal("json", "logfmt", "pretty")("LOG_FORMAT").pipe(Config.withDefault("json" as const)),
    shutdownGraceMs: Config.integer("CRM_SHUTDOWN_GRACE_MS").pipe(
      Config.validate({ message: "expected a number of milliseconds >= 0", validation: (n) => n >= 0 }),
      Config.withDefault(10_000)
    )
  })
