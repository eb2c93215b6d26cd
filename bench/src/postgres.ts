import {
  Actor,
  Crm,
  IdGenerator,
  Interactions,
  type ProjectId,
  Search,
  type TaskId,
  Tasks,
  Tracking
} from "@agency-crm/core"
import { PostgresStore } from "@agency-crm/postgres"
import { Effect, Layer, ManagedRuntime } from "effect"
import { randomUUID } from "node:crypto"
import Pg from "pg"
import { setUp } from "./libraryWorld.js"
import { fmt, measure, opsPerSecond, quantileUs, type Samples } from "./measure.js"
import { KEY, load, type Running, startExample, stop } from "./processes.js"
import { api } from "./serverCalls.js"

// The library on PostgreSQL against the same statements sent straight through node-postgres, and the example server
// with one and with two processes on one database.

/** The database the section uses: `BENCH_DATABASE_URL`, else the local PostgreSQL's `test`. */
const DATABASE = process.env["BENCH_DATABASE_URL"] ?? "postgres://postgres@127.0.0.1:5432/test"

/** One row of the library-vs-driver table. */
export interface PostgresRow {
  readonly operation: string
  readonly library: Samples
  readonly raw: Samples
  readonly statements: number
}

/** The section's figures: library vs driver rows, and the server's requests a second by process count. */
export interface PostgresResult {
  readonly rows: ReadonlyArray<PostgresRow>
  readonly http: ReadonlyArray<{ readonly path: string; readonly one: number; readonly two: number }>
  /** From a write's answer on one server to its event on the other server's stream, in ms. */
  readonly crossServer: { readonly p50: number; readonly p99: number; readonly max: number; readonly count: number }
}

const admin = async (statement: string) => {
  const client = new Pg.Client({ connectionString: DATABASE })
  await client.connect()
  try {
    await client.query(statement)
  } finally {
    await client.end()
  }
}

const urlOf = (schema: string) => {
  const url = new URL(DATABASE)
  url.searchParams.set("options", `-c search_path=${schema}`)
  return url.toString()
}

/** Whether a PostgreSQL answers at the section's URL. */
export const postgresReachable = async () => {
  try {
    await admin("SELECT 1")
    return true
  } catch {
    return false
  }
}

interface Recorded {
  readonly text: string
  readonly params: ReadonlyArray<unknown>
}

const libraryRows = async (url: string, quick: boolean): Promise<ReadonlyArray<PostgresRow>> => {
  const runtime = ManagedRuntime.make(
    Crm.layer.pipe(
      Layer.provideMerge(PostgresStore.layer({ url, maxConnections: 4 })),
      Layer.provideMerge(IdGenerator.layer)
    )
  )
  const world = await runtime.runPromise(setUp(quick ? 200 : 1000))
  const as = Effect.provideService(Actor, Actor.member(world.manager.id))
  const ids = world.taskIds as ReadonlyArray<string> as ReadonlyArray<TaskId>
  const pick = (i: number) => ids[i % ids.length]!
  const blocked = new Set<string>()
  const toggle = (id: string): "blocked" | "todo" => (blocked.delete(id) ? "todo" : (blocked.add(id), "blocked"))
  const library = {
    createTask: (i: number) =>
      Effect.flatMap(Tasks, (t) =>
        t.create({ projectId: world.project.id as ProjectId, title: `Library task ${i}`, assigneeId: world.manager.id })
      ),
    getTask: (i: number) => Effect.flatMap(Tasks, (t) => t.get(pick(i))),
    moveTask: (i: number) => Effect.flatMap(Tasks, (t) => t.transition(pick(i), toggle(pick(i)))),
    overdue: () => Effect.flatMap(Tracking, (t) => t.overdue({ limit: 50 })),
    logInteraction: (i: number) =>
      Effect.flatMap(Interactions, (s) =>
        s.log({ clientId: world.client.id, kind: "call", direction: "outbound", summary: `Library call ${i}` })
      ),
    search: () => Effect.flatMap(Search, (s) => s.search({ q: "audit", limit: 20 }))
  }
  const pool = new Pg.Pool({ connectionString: url, max: 4 })
  const reads = { iterations: quick ? 2_000 : 10_000, warmup: 200, maxMs: quick ? 2_000 : 6_000 }
  const writes = { iterations: quick ? 300 : 2_000, warmup: 30, maxMs: quick ? 2_000 : 8_000 }
  const plan: ReadonlyArray<readonly [string, keyof typeof library, typeof reads, boolean]> = [
    ["create task", "createTask", writes, true],
    ["get task", "getTask", reads, false],
    ["update task status", "moveTask", writes, true],
    ["list overdue (limit 50)", "overdue", reads, false],
    ["log interaction", "logInteraction", writes, true],
    ["search", "search", reads, false]
  ]
  const rows: Array<PostgresRow> = []
  for (const [label, key, options, write] of plan) {
    const op = library[key] as (i: number) => Effect.Effect<unknown, unknown, any>
    // The statements one call issues, with their parameters, as the driver received them.
    const recorded: Array<Recorded> = []
    const stopRecording = PostgresStore.observeStatements((text, params) => recorded.push({ text, params }))
    const result = (await runtime.runPromise(as(op(0)))) as { id?: string; interaction?: { id: string } }
    stopRecording()
    const created = result?.id ?? result?.interaction?.id
    const librarySamples = await measure(label, (i) => runtime.runPromise(as(op(i))), options)
    // The same statements straight through node-postgres; a write in one transaction, committed, with a new id for
    // the row it creates (an update replays its own statements on the task it moved, from its current version).
    const replay = async () => {
      const client = await pool.connect()
      try {
        if (write) await client.query("BEGIN")
        const fresh = randomUUID()
        for (const { text, params } of recorded) {
          await client.query(
            text,
            params.map((p) => (created !== undefined && p === created ? fresh : p)) as Array<unknown>
          )
        }
        if (write) await client.query("COMMIT")
      } catch (error) {
        if (write) await client.query("ROLLBACK")
        throw error
      } finally {
        client.release()
      }
    }
    const rawSamples = await measure(label, () => replay(), options)
    rows.push({ operation: label, library: librarySamples, raw: rawSamples, statements: recorded.length })
    process.stderr.write(`  ${label}: ${fmt(opsPerSecond(librarySamples))} vs ${fmt(opsPerSecond(rawSamples))} ops/s\n`)
  }
  await pool.end()
  await runtime.dispose()
  return rows
}

/** Writes through `writer`, 50 a second, while an event stream is open on `reader`: how long after each write's
 * answer its event arrives on the other server (woken by NOTIFY). */
const wakeUps = async (writer: string, reader: string, writes: number) => {
  const controller = new AbortController()
  const response = await fetch(`${reader}/events`, {
    headers: { authorization: `Bearer ${KEY}`, accept: "text/event-stream" },
    signal: controller.signal
  })
  const arrived = new Map<string, number>()
  const decoder = new TextDecoder()
  let buffer = ""
  const reading = (async () => {
    try {
      for (const reader = response.body!.getReader(); ;) {
        const { value, done } = await reader.read()
        if (done) return
        buffer += decoder.decode(value, { stream: true })
        for (const match of buffer.matchAll(/"(wake-[0-9]+)"/g)) {
          if (!arrived.has(match[1]!)) arrived.set(match[1]!, performance.now())
        }
        buffer = buffer.slice(Math.max(0, buffer.length - 200))
      }
    } catch {
      // Aborted.
    }
  })()
  const answered = new Map<string, number>()
  for (let i = 0; i < writes; i++) {
    const started = performance.now()
    await api(writer, "POST", "/clients", { name: `wake-${i}` })
    answered.set(`wake-${i}`, performance.now())
    await new Promise((r) => setTimeout(r, Math.max(0, 20 - (performance.now() - started))))
  }
  const until = performance.now() + 5_000
  while (arrived.size < writes && performance.now() < until) await new Promise((r) => setTimeout(r, 20))
  controller.abort()
  await reading
  const delays = [...answered].flatMap(([name, at]) => {
    const seen = arrived.get(name)
    return seen === undefined ? [] : [Math.max(0, seen - at)]
  })
  const sorted = delays.sort((a, b) => a - b)
  const at = (q: number) =>
    Math.round((sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0) * 10) / 10
  return { p50: at(0.5), p99: at(0.99), max: at(1), count: sorted.length }
}

const httpRows = async (url: string, quick: boolean) => {
  const seconds = quick ? 3 : 8
  const env = { CRM_DATABASE_URL: url, LOG_LEVEL: "warn" }
  const first: Running = await startExample("unused.db", [], undefined, env)
  const servers: Array<Running> = [first]
  try {
    const manager = await api(first.url, "POST", "/team-members", {
      name: "Marta",
      email: "marta@bench.test",
      role: "manager"
    })
    const client = await api(first.url, "POST", "/clients", { name: "Bench client", kind: "client" })
    const project = await api(first.url, "POST", "/projects", {
      clientId: client.id,
      name: "Bench project",
      campaignType: "seo",
      managerId: manager.id
    })
    const task = await api(first.url, "POST", "/tasks", { projectId: project.id, title: "Bench task" })
    const paths = [`/tasks/${task.id}`, "/tracking/overdue"]
    const one = await Promise.all(paths.map(async (path) => (await load(first.url, path, seconds)).requests.average))
    servers.push(await startExample("unused.db", [], undefined, env))
    const two = await Promise.all(
      paths.map(async (path) => {
        const results = await Promise.all(servers.map((server) => load(server.url, path, seconds)))
        return results.reduce((sum, r) => sum + r.requests.average, 0)
      })
    )
    const crossServer = await wakeUps(servers[0]!.url, servers[1]!.url, quick ? 50 : 200)
    return {
      http: paths.map((path, i) => ({ path: path.replace(task.id, ":id"), one: one[i]!, two: two[i]! })),
      crossServer
    }
  } finally {
    for (const server of servers) await stop(server)
  }
}

/** The library on PostgreSQL against the driver, and the example server with one and two processes on one database;
 * each on a schema of its own, dropped after. */
export const postgresBench = async (quick: boolean): Promise<PostgresResult> => {
  const schemas = [`bench_lib_${process.pid}`, `bench_http_${process.pid}`]
  for (const schema of schemas) await admin(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}`)
  try {
    const rows = await libraryRows(urlOf(schemas[0]!), quick)
    const { http, crossServer } = await httpRows(urlOf(schemas[1]!), quick)
    return { rows, http, crossServer }
  } finally {
    for (const schema of schemas) await admin(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)
  }
}

/** The section's tables. */
export const postgresTable = (result: PostgresResult): string =>
  [
    "| operation | library ops/s | driver ops/s | driver ÷ library | library p50 µs | driver p50 µs | library p99 µs | driver p99 µs | statements |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ...result.rows.map((r) => {
      const lib = opsPerSecond(r.library)
      const raw = opsPerSecond(r.raw)
      return `| ${r.operation} | ${fmt(lib)} | ${fmt(raw)} | ${(raw / lib).toFixed(2)}× | ${fmt(quantileUs(r.library, 0.5))} | ${fmt(quantileUs(r.raw, 0.5))} | ${fmt(quantileUs(r.library, 0.99))} | ${fmt(quantileUs(r.raw, 0.99))} | ${r.statements} |`
    }),
    "",
    "| example server on PostgreSQL (10 connections per process) | 1 process req/s | 2 processes req/s | ratio |",
    "| --- | ---: | ---: | ---: |",
    ...result.http.map((h) => `| GET ${h.path} | ${fmt(h.one)} | ${fmt(h.two)} | ${(h.two / h.one).toFixed(2)}× |`),
    "",
    `Cross-server wake-up (a write's answer from one server → its event on the other's \`/events\`, 50 writes/s): ` +
      `p50 ${result.crossServer.p50} ms, p99 ${result.crossServer.p99} ms, max ${result.crossServer.max} ms ` +
      `(${result.crossServer.count} events).`
  ].join("\n")
