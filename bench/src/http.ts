import { copyFileSync } from "node:fs"
import { join } from "node:path"
import { fmt } from "./measure.js"
import {
  cpuMicros,
  dist,
  exampleServer,
  load,
  peakRssMiB,
  type Running,
  start,
  startExample,
  stop
} from "./processes.js"

const median = (values: ReadonlyArray<number>): number => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

/** One server's figures for one request, over all its rounds. */
export interface LoadResult {
  readonly server: string
  readonly request: string
  /** Requests answered over the total time of the rounds. */
  readonly requestsPerSecond: number
  /** The median over the rounds of each round's p50 and p99. */
  readonly p50Ms: number
  readonly p99Ms: number
  /** Processor time of the server process per request answered (user + system). */
  readonly cpuUsPerRequest: number
  readonly errors: number
  readonly rssMiB: number
}

interface Tally {
  requests: number
  seconds: number
  cpuMicros: number
  errors: number
  readonly p50s: Array<number>
  readonly p99s: Array<number>
}

/** The example server and the two baselines, each a separate process on its own copy of one database,
 * answering the same two requests under autocannon (10 connections). All three run at once and take turns
 * in rounds (the order rotating each round), so a slow spell of the shared machine lands on every server
 * rather than on one. */
export const httpBench = async (dir: string, database: string, taskId: string, quick: boolean) => {
  const rounds = quick ? 3 : 5
  const seconds = quick ? 1 : 2
  const requests = [
    ["GET task", `/tasks/${taskId}`],
    ["list overdue (limit 50)", "/tracking/overdue?limit=50"]
  ] as const
  const copy = (name: string) => {
    const file = join(dir, `${name}.db`)
    copyFileSync(database, file)
    return file
  }
  const servers: Array<Running> = []
  try {
    servers.push(
      await start(
        "bare node:http + better-sqlite3",
        [join(dist, "bare-server.js"), copy("bare")],
        {},
        /listening (\d+)/
      )
    )
    servers.push(
      await start(
        "minimal HttpApi + SqliteClient",
        [join(dist, "floor-server.js"), copy("floor")],
        {},
        /listening (\d+)/
      )
    )
    servers.push(await startExample(copy("example"), [], process.env["BENCH_EXAMPLE_SERVER"] ?? exampleServer))
    for (const server of servers) for (const [, path] of requests) await load(server.url, path, 1) // warm-up
    const tallies = new Map<string, Tally>()
    for (let round = 0; round < rounds; round++) {
      for (const [label, path] of requests) {
        for (let i = 0; i < servers.length; i++) {
          const server = servers[(round + i) % servers.length]!
          const cpuBefore = cpuMicros(server.child.pid!)
          const result = await load(server.url, path, seconds)
          const key = `${server.name}\u0000${label}`
          const tally = tallies.get(key) ?? { requests: 0, seconds: 0, cpuMicros: 0, errors: 0, p50s: [], p99s: [] }
          tally.cpuMicros += cpuMicros(server.child.pid!) - cpuBefore
          tally.requests += result.requests.total
          tally.seconds += result.duration
          tally.errors += result.errors + result.non2xx
          tally.p50s.push(result.latency.p50)
          tally.p99s.push(result.latency.p99)
          tallies.set(key, tally)
        }
      }
      process.stderr.write(`  HTTP round ${round + 1} of ${rounds} done\n`)
    }
    return servers.flatMap((server) =>
      requests.map(([label]): LoadResult => {
        const tally = tallies.get(`${server.name}\u0000${label}`)!
        return {
          server: server.name,
          request: label,
          requestsPerSecond: tally.requests / tally.seconds,
          p50Ms: median(tally.p50s),
          p99Ms: median(tally.p99s),
          cpuUsPerRequest: tally.cpuMicros / tally.requests,
          errors: tally.errors,
          rssMiB: peakRssMiB(server.child.pid!)
        }
      })
    )
  } finally {
    await Promise.all(servers.map(stop))
  }
}

/** The Markdown table of the HTTP run, with the example server's ratios to both baselines. */
export const httpTable = (results: ReadonlyArray<LoadResult>): string => {
  const lines = [
    "| request | server | req/s | p50 ms | p99 ms | server CPU µs / request | non-2xx + errors | peak RSS MiB |",
    "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ...results.map(
      (r) =>
        `| ${r.request} | ${r.server} | ${fmt(r.requestsPerSecond)} | ${r.p50Ms} | ${r.p99Ms} | ${fmt(r.cpuUsPerRequest)} | ${r.errors} | ${fmt(r.rssMiB)} |`
    ),
    "",
    "| request | example ÷ framework floor (req/s) | example ÷ bare (req/s) | example's CPU per request ÷ floor's |",
    "| --- | ---: | ---: | ---: |"
  ]
  for (const request of new Set(results.map((r) => r.request))) {
    const of = (prefix: string) => results.find((r) => r.request === request && r.server.startsWith(prefix))!
    const example = of("example")
    const floor = of("minimal")
    lines.push(
      `| ${request} | ${(example.requestsPerSecond / floor.requestsPerSecond).toFixed(2)}× | ${(example.requestsPerSecond / of("bare").requestsPerSecond).toFixed(2)}× | ${(example.cpuUsPerRequest / floor.cpuUsPerRequest).toFixed(2)}× |`
    )
  }
  return lines.join("\n")
}
