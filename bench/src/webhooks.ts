import { spawn } from "node:child_process"
import { createServer, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import { join } from "node:path"
import { exampleServer, type Running, startExample, stop } from "./processes.js"
import { api, int, percentile, sleep } from "./serverCalls.js"

// Webhook deliveries of the example server (its webhooks plugin) to a receiver in this process.

/** One subscription count's figures. */
export interface WebhooksResult {
  readonly subscriptions: number
  /** Deliveries a second draining a backlog (every subscription's worker at once). */
  readonly deliveriesPerSecond: number
  /** The same POSTs sent by bare node:http from another process (one kept-alive sender per subscription), a second. */
  readonly rawPerSecond: number
  /** From an event's record time (its `occurredAt`, just before commit) to its arrival, with writes 50 a second. */
  readonly p50Ms: number
  readonly p99Ms: number
  readonly delivered: number
  readonly expected: number
}

const now = () => performance.timeOrigin + performance.now()

const round1 = (n: number) => Math.round(n * 10) / 10

/** A receiver answering 204 at once and noting each delivery's arrival and latency. */
interface Receiver {
  readonly url: string
  arrivals: number
  latencies: Array<number>
  readonly close: () => Promise<void>
}

const startReceiver = () =>
  new Promise<Receiver>((resolve) => {
    const receiver: Receiver = { url: "", arrivals: 0, latencies: [], close: () => Promise.resolve() }
    const server: Server = createServer((req, res) => {
      const chunks: Array<Buffer> = []
      req.on("data", (chunk: Buffer) => chunks.push(chunk))
      req.on("end", () => {
        const arrived = now()
        receiver.arrivals++
        const { data } = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { data: { occurredAt: string } }
        receiver.latencies.push(arrived - Date.parse(data.occurredAt))
        res.writeHead(204).end()
      })
    })
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo
      Object.assign(receiver, {
        url: `http://127.0.0.1:${port}/hook`,
        close: () => new Promise<void>((done) => server.close(() => done()))
      })
      resolve(receiver)
    })
  })

// The bare sender runs in a process of its own, as the server does: a round trip crosses processes either way.
const rawSender = `
import { Agent, request } from "node:http"
const [url, senders, count, body] = process.argv.slice(1)
const send = (agent) => new Promise((resolve, reject) => {
  const req = request(url, { method: "POST", agent, headers: { "content-type": "application/json", "content-length": String(Buffer.byteLength(body)) } })
  req.on("response", (res) => { res.resume(); res.on("end", resolve) })
  req.on("error", reject)
  req.end(body)
})
const started = performance.now()
await Promise.all(Array.from({ length: Number(senders) }, async () => {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 })
  for (let i = 0; i < Number(count); i++) await send(agent)
  agent.destroy()
}))
console.log((Number(senders) * Number(count)) / ((performance.now() - started) / 1000))
`

/** Bare node:http from another process: `count` POSTs of `body` in sequence per sender, each sender on one
 * kept-alive connection (as the plugin sends, one connection per subscription); POSTs a second. */
const rawSends = (url: string, senders: number, count: number, body: string) =>
  new Promise<number>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ["--input-type=module", "-e", rawSender, url, String(senders), String(count), body],
      {
        stdio: ["ignore", "pipe", "inherit"]
      }
    )
    let out = ""
    child.stdout!.on("data", (chunk: Buffer) => (out += chunk.toString()))
    child.once("exit", (code) =>
      code === 0 ? resolve(Number(out.trim())) : reject(new Error(`raw sender exited with ${code}`))
    )
  })

const waitUntil = async (done: () => boolean, ms: number) => {
  const until = Date.now() + ms
  while (!done() && Date.now() < until) await sleep(10)
}

/**
 * The example server with 1 and with 50 subscriptions to a receiver in this process: deliveries a second draining a
 * backlog of client events (against bare node:http POSTs of the same body), and the latency from an event's record
 * time to its arrival with writes 50 a second.
 */
export const webhooksBench = async (
  dir: string,
  quick: boolean,
  server: string = process.env["BENCH_EXAMPLE_SERVER"] ?? exampleServer
): Promise<ReadonlyArray<WebhooksResult>> => {
  const results: Array<WebhooksResult> = []
  for (const subscriptions of [1, 50]) {
    const running: Running = await startExample(join(dir, `webhooks-${subscriptions}.db`), [], server, {
      CRM_WEBHOOKS_ALLOWED_NETWORKS: "127.0.0.1"
    })
    const receiver = await startReceiver()
    try {
      const url = running.url
      // The backlog: client events committed before any subscription exists.
      const backlog = (quick ? 1_000 : 4_000) / subscriptions
      for (let i = 0; i < Math.max(backlog, 20); i++) await api(url, "POST", "/clients", { name: `Backlog ${i}` })
      const events = Math.max(backlog, 20)
      const started = performance.now()
      const subscribed: Array<string> = []
      for (let s = 0; s < subscriptions; s++) {
        const created = await api(url, "POST", "/webhooks/subscriptions", {
          url: receiver.url,
          eventTypes: ["client.created"],
          fromSequence: 0
        })
        subscribed.push(created.subscription.id)
      }
      await waitUntil(() => receiver.arrivals >= events * subscriptions, 120_000)
      const deliveriesPerSecond = receiver.arrivals / ((performance.now() - started) / 1000)
      const sample = JSON.stringify({
        type: "client.created",
        timestamp: new Date().toISOString(),
        data: { occurredAt: new Date().toISOString() }
      })
      const rawPerSecond = await rawSends(receiver.url, subscriptions, Math.max(20, Math.round(events / 2)), sample)

      // Latency: writes at 50 a second, each delivered to every subscription.
      receiver.latencies = []
      receiver.arrivals = 0
      for (const id of subscribed)
        await api(url, "PATCH", `/webhooks/subscriptions/${id}`, { eventTypes: ["task.created"] })
      const manager = await api(url, "POST", "/team-members", {
        name: "Marta",
        email: "marta@bench.test",
        role: "manager"
      })
      const client = await api(url, "POST", "/clients", { name: "Bench client", kind: "client" })
      const project = await api(url, "POST", "/projects", {
        clientId: client.id,
        name: "Bench project",
        campaignType: "seo",
        managerId: manager.id
      })
      await sleep(300)
      receiver.latencies = []
      receiver.arrivals = 0
      const writes = quick ? 100 : 300
      for (let i = 0; i < writes; i++) {
        const at = performance.now()
        await api(url, "POST", "/tasks", { projectId: project.id, title: `Task ${i}` })
        await sleep(Math.max(0, 20 - (performance.now() - at)))
      }
      await waitUntil(() => receiver.arrivals >= writes * subscriptions, 60_000)
      results.push({
        subscriptions,
        deliveriesPerSecond,
        rawPerSecond,
        p50Ms: round1(percentile(receiver.latencies, 50)),
        p99Ms: round1(percentile(receiver.latencies, 99)),
        delivered: receiver.arrivals,
        expected: writes * subscriptions
      })
    } finally {
      await stop(running)
      await receiver.close()
    }
  }
  return results
}

/** The webhooks section's table. */
export const webhooksTable = (results: ReadonlyArray<WebhooksResult>): string =>
  [
    "| subscriptions | deliveries / s (backlog) | bare node:http POSTs / s | ratio | record → delivery p50 ms | p99 ms | delivered (latency run) |",
    "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ...results.map(
      (r) =>
        `| ${r.subscriptions} | ${int(r.deliveriesPerSecond)} | ${int(r.rawPerSecond)} | ${(r.deliveriesPerSecond / r.rawPerSecond).toFixed(2)}× | ${r.p50Ms} | ${r.p99Ms} | ${int(r.delivered)} of ${int(r.expected)} |`
    )
  ].join("\n")
