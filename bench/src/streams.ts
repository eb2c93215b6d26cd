import { request as httpRequest, type IncomingMessage } from "node:http"
import { join } from "node:path"
import { cpuMicros, exampleServer, KEY, rssMiB, type Running, startExample, stop } from "./processes.js"
import { api, int, percentile, sleep } from "./serverCalls.js"

/** Write latency and `/health` latency at one number of open event streams. */
export interface StreamsResult {
  readonly streams: number
  readonly writeP50Ms: number
  readonly writeP99Ms: number
  readonly healthP50Ms: number
  readonly healthP99Ms: number
  /** Server CPU (user + system) per write, `/health` probes included (their rate is the same at every count). */
  readonly serverCpuMsPerWrite: number
  /** Events the streams received, of the ones they should have (streams × writes). */
  readonly delivered: number
  readonly expected: number
  /** The server's resident memory with the streams open, after the writes. */
  readonly rssMiB: number
}

const round2 = (n: number) => Math.round(n * 100) / 100

/** How often a write starts: 40 writes a second, steady. */
const WRITE_EVERY_MS = 25

/** An open `GET /events` stream on a connection of its own, counting the events it receives. */
interface OpenStream {
  readonly received: () => number
  readonly close: () => void
}

const openStream = (url: string) =>
  new Promise<OpenStream>((resolve, reject) => {
    let count = 0
    let partial = ""
    const req = httpRequest(
      `${url}/events`,
      { agent: false, headers: { authorization: `Bearer ${KEY}`, accept: "text/event-stream" } },
      (res: IncomingMessage) => {
        if (res.statusCode !== 200) return reject(new Error(`GET /events: ${res.statusCode}`))
        res.setEncoding("utf8")
        res.on("data", (chunk: string) => {
          const text = partial + chunk
          const lines = text.split("\n")
          partial = lines.pop() ?? ""
          for (const line of lines) if (line.startsWith("id: ")) count++
        })
        res.on("error", () => undefined)
        resolve({ received: () => count, close: () => req.destroy() })
      }
    )
    req.on("error", (error) => reject(error))
    req.end()
  })

/** Probes `/health` every `everyMs` until stopped; returns the latencies. */
const probeHealth = (url: string, everyMs: number) => {
  const latencies: Array<number> = []
  let running = true
  const done = (async () => {
    while (running) {
      const started = performance.now()
      await fetch(`${url}/health`).then((r) => r.arrayBuffer())
      latencies.push(performance.now() - started)
      await sleep(everyMs)
    }
  })()
  return {
    stop: async () => {
      running = false
      await done
      return latencies
    }
  }
}

/**
 * The example server with 0, 100 and 1,000 open event streams (each on its own connection, reading every event):
 * the latency of task creations made 40 a second, and of `/health` probed every 10 ms meanwhile. Counts take turns
 * over the rounds, so a slow spell of the machine lands on each.
 */
export const streamsBench = async (
  dir: string,
  quick: boolean,
  server: string = process.env["BENCH_EXAMPLE_SERVER"] ?? exampleServer
) => {
  const counts = [0, 100, 1_000]
  const rounds = quick ? 1 : 2
  const writes = quick ? 100 : 300
  const running: Running = await startExample(join(dir, "streams.db"), [], server, {
    CRM_MAX_EVENT_STREAMS: "5000",
    CRM_MAX_EVENT_STREAMS_PER_KEY: "5000"
  })
  const results = new Map<number, Array<StreamsResult>>()
  try {
    const url = running.url
    const manager = await api(url, "POST", "/team-members", {
      name: "Marta",
      email: "marta@bench.test",
      role: "manager"
    })
    const client = await api(url, "POST", "/clients", { name: "Bench Client", kind: "client" })
    const project = await api(url, "POST", "/projects", {
      clientId: client.id,
      name: "Bench project",
      campaignType: "seo",
      managerId: manager.id
    })
    for (let round = 0; round < rounds; round++) {
      for (const streams of round % 2 === 0 ? counts : [...counts].reverse()) {
        const open: Array<OpenStream> = []
        for (let i = 0; i < streams; i += 50) {
          open.push(...(await Promise.all(Array.from({ length: Math.min(50, streams - i) }, () => openStream(url)))))
        }
        await sleep(500)
        const health = probeHealth(url, 10)
        const latencies: Array<number> = []
        const cpuBefore = cpuMicros(running.child.pid!)
        for (let i = 0; i < writes; i++) {
          const started = performance.now()
          await api(url, "POST", "/tasks", { projectId: project.id, title: `Task ${round}-${streams}-${i}` })
          const took = performance.now() - started
          latencies.push(took)
          // Writes at a steady pace, as people make them: the next starts WRITE_EVERY_MS after this one did.
          if (took < WRITE_EVERY_MS) await sleep(WRITE_EVERY_MS - took)
        }
        const cpu = cpuMicros(running.child.pid!) - cpuBefore
        const healthLatencies = await health.stop()
        const expected = streams * writes
        const delivered = () => open.reduce((sum, stream) => sum + stream.received(), 0)
        for (let waited = 0; waited < 30_000 && delivered() < expected; waited += 50) await sleep(50)
        const result: StreamsResult = {
          streams,
          writeP50Ms: round2(percentile(latencies, 50)),
          writeP99Ms: round2(percentile(latencies, 99)),
          healthP50Ms: round2(percentile(healthLatencies, 50)),
          healthP99Ms: round2(percentile(healthLatencies, 99)),
          serverCpuMsPerWrite: round2(cpu / writes / 1000),
          delivered: delivered(),
          expected,
          rssMiB: rssMiB(running.child.pid!)
        }
        for (const stream of open) stream.close()
        results.set(streams, [...(results.get(streams) ?? []), result])
        process.stderr.write(`  streams ${streams}, round ${round + 1}: write p50 ${result.writeP50Ms} ms\n`)
        await sleep(500)
      }
    }
  } finally {
    await stop(running)
  }
  // The median round of each count, by write p50.
  return counts.map((streams) => {
    const all = [...results.get(streams)!].sort((a, b) => a.writeP50Ms - b.writeP50Ms)
    return all[Math.floor((all.length - 1) / 2)]!
  })
}

/** The Markdown table of the streams run, with the ratios to the run without streams. */
export const streamsTable = (results: ReadonlyArray<StreamsResult>): string => {
  const none = results.find((r) => r.streams === 0)!
  return [
    "| open streams | write p50 ms | write p99 ms | write p50 ÷ 0 streams | /health p50 ms | /health p99 ms | server CPU ms / write | events delivered | server RSS MiB |",
    "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ...results.map(
      (r) =>
        `| ${int(r.streams)} | ${r.writeP50Ms} | ${r.writeP99Ms} | ${(r.writeP50Ms / none.writeP50Ms).toFixed(2)}× | ${r.healthP50Ms} | ${r.healthP99Ms} | ${r.serverCpuMsPerWrite} | ${int(r.delivered)} of ${int(r.expected)} | ${int(r.rssMiB)} |`
    )
  ].join("\n")
}
