import autocannon from "autocannon"
import { type ChildProcess, spawn } from "node:child_process"
import { copyFileSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { fmt } from "./measure.js"

const KEY = "acrm_bench-admin-key-0123456789abcdefghij"
const dist = import.meta.dirname
const exampleServer = join(dist, "..", "..", "examples", "server", "dist", "main.js")

interface Running {
  readonly name: string
  readonly child: ChildProcess
  readonly url: string
}

/** Starts a server process and waits for the line that tells its port or URL. */
const start = (name: string, args: ReadonlyArray<string>, env: Record<string, string>, ready: RegExp) =>
  new Promise<Running>((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      env: { PATH: process.env.PATH ?? "", ...env },
      stdio: ["ignore", "pipe", "pipe"]
    })
    let out = ""
    let err = ""
    child.stderr!.on("data", (c: Buffer) => (err += c.toString()))
    child.stdout!.on("data", (c: Buffer) => {
      out += c.toString()
      const match = ready.exec(out)
      if (match !== null) {
        const port = match[1]!
        resolve({ name, child, url: port.startsWith("http") ? port : `http://127.0.0.1:${port}` })
      }
    })
    child.once("exit", (code) => reject(new Error(`${name} exited with ${code}:\n${out}\n${err}`)))
  })

const stop = (running: Running) =>
  new Promise<void>((resolve) => {
    running.child.once("exit", () => resolve())
    running.child.kill("SIGTERM")
  })

/** Peak resident memory of a process, in MiB (Linux `VmHWM`). */
const peakRssMiB = (pid: number): number => {
  const status = readFileSync(`/proc/${pid}/status`, "utf8")
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? "0")
  return kb / 1024
}

/** One load run's figures. */
export interface LoadResult {
  readonly server: string
  readonly request: string
  readonly requestsPerSecond: number
  readonly p50Ms: number
  readonly p99Ms: number
  readonly errors: number
  readonly rssMiB: number
}

const load = async (url: string, path: string, seconds: number): Promise<autocannon.Result> =>
  autocannon({
    url: `${url}${path}`,
    connections: 10,
    duration: seconds,
    headers: { authorization: `Bearer ${KEY}` }
  })

/** The example server and the two baselines, each a separate process on its own copy of one database,
 * answering the same two requests under autocannon (10 connections, fixed duration). */
export const httpBench = async (dir: string, database: string, taskId: string, quick: boolean) => {
  const seconds = quick ? 3 : 10
  const requests = [
    ["GET task", `/tasks/${taskId}`],
    ["list overdue (limit 50)", "/tracking/overdue?limit=50"]
  ] as const
  const copy = (name: string) => {
    const file = join(dir, `${name}.db`)
    copyFileSync(database, file)
    return file
  }
  const servers: ReadonlyArray<() => Promise<Running>> = [
    () => start("bare node:http + better-sqlite3", [join(dist, "bare-server.js"), copy("bare")], {}, /listening (\d+)/),
    () =>
      start("minimal HttpApi + SqliteClient", [join(dist, "floor-server.js"), copy("floor")], {}, /listening (\d+)/),
    () =>
      start(
        "example server (Agency CRM)",
        [exampleServer],
        { PORT: "0", CRM_DB_FILE: copy("example"), CRM_BOOTSTRAP_ADMIN_KEY: KEY, LOG_LEVEL: "warn" },
        /running at (http:\/\/\S+)/
      )
  ]
  const results: Array<LoadResult> = []
  for (const startServer of servers) {
    const server = await startServer()
    try {
      for (const [label, path] of requests) {
        await load(server.url, path, 1) // warm-up
        const result = await load(server.url, path, seconds)
        results.push({
          server: server.name,
          request: label,
          requestsPerSecond: result.requests.average,
          p50Ms: result.latency.p50,
          p99Ms: result.latency.p99,
          errors: result.errors + result.non2xx,
          rssMiB: peakRssMiB(server.child.pid!)
        })
        process.stderr.write(`  ${server.name}, ${label}: ${fmt(result.requests.average)} req/s\n`)
      }
    } finally {
      await stop(server)
    }
  }
  return results
}

/** The Markdown table of the HTTP run, with the example server's ratios to both baselines. */
export const httpTable = (results: ReadonlyArray<LoadResult>): string => {
  const lines = [
    "| request | server | req/s | p50 ms | p99 ms | non-2xx + errors | peak RSS MiB |",
    "| --- | --- | ---: | ---: | ---: | ---: | ---: |",
    ...results.map(
      (r) =>
        `| ${r.request} | ${r.server} | ${fmt(r.requestsPerSecond)} | ${r.p50Ms} | ${r.p99Ms} | ${r.errors} | ${fmt(r.rssMiB)} |`
    ),
    "",
    "| request | example ÷ framework floor (req/s) | example ÷ bare (req/s) |",
    "| --- | ---: | ---: |"
  ]
  for (const request of new Set(results.map((r) => r.request))) {
    const of = (prefix: string) => results.find((r) => r.request === request && r.server.startsWith(prefix))!
    const example = of("example").requestsPerSecond
    lines.push(
      `| ${request} | ${(example / of("minimal").requestsPerSecond).toFixed(2)}× | ${(example / of("bare").requestsPerSecond).toFixed(2)}× |`
    )
  }
  return lines.join("\n")
}
