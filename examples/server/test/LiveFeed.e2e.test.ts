import { assert, describe, it } from "@effect/vitest"
import { createServer, request as forward, type Server } from "node:http"
import type { AddressInfo, Socket } from "node:net"
import { join } from "node:path"
import { follow, type LiveEvent } from "../../web/src/live.js"
import { requestOk } from "./http.js"
import { type ServerProcess, startServer, tempDir } from "./serverProcess.js"

const ADMIN = "acrm_e2e-live-feed-admin-key-0123456789abcdefgh"

/** A proxy in front of the server that can drop every connection through it, and remembers the `Last-Event-ID`
 * of each request for the feed. */
const droppingProxy = async (target: string) => {
  const sockets = new Set<Socket>()
  const resumedFrom: Array<string | null> = []
  const server: Server = createServer((incoming, outgoing) => {
    if (incoming.url === "/events") resumedFrom.push((incoming.headers["last-event-id"] as string) ?? null)
    const upstream = forward(
      `${target}${incoming.url}`,
      { method: incoming.method, headers: incoming.headers },
      (reply) => {
        outgoing.writeHead(reply.statusCode ?? 502, reply.headers)
        reply.pipe(outgoing)
      }
    )
    upstream.on("error", () => outgoing.destroy())
    outgoing.on("close", () => upstream.destroy())
    incoming.pipe(upstream)
  })
  server.on("connection", (socket) => {
    sockets.add(socket)
    socket.on("close", () => sockets.delete(socket))
  })
  await new Promise<void>((listening) => server.listen(0, "127.0.0.1", listening))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    resumedFrom,
    drop: () => {
      for (const socket of sockets) socket.destroy()
    },
    close: () => {
      for (const socket of sockets) socket.destroy()
      return new Promise<void>((closed) => server.close(() => closed()))
    }
  }
}

const until = async (check: () => boolean, what: string) => {
  for (let waited = 0; !check(); waited += 25) {
    if (waited > 15_000) assert.fail(`gave up waiting for ${what}`)
    await new Promise((resume) => setTimeout(resume, 25))
  }
}

describe("the web app's live feed", () => {
  it("reconnects after a dropped stream with Last-Event-ID and gets the events it missed, once each", async () => {
    const temp = tempDir()
    let server: ServerProcess | undefined
    let proxy: Awaited<ReturnType<typeof droppingProxy>> | undefined
    let stop = () => {}
    try {
      server = await startServer({ CRM_DB_FILE: join(temp.dir, "crm.db"), CRM_BOOTSTRAP_ADMIN_KEY: ADMIN })
      proxy = await droppingProxy(server.url)
      const seen: Array<LiveEvent> = []
      const states: Array<boolean> = []
      stop = follow(
        { origin: proxy.url, apiKey: ADMIN, retryMs: 200 },
        (event) => seen.push(event),
        (connected) => states.push(connected)
      )
      await until(() => states.at(-1) === true, "the feed to connect")
      await requestOk(server.url, ADMIN, "POST", "/clients", { name: "Before the drop" })
      await until(() => seen.length === 1, "the first event")

      proxy.drop()
      await until(() => states.at(-1) === false, "the feed to notice the drop")
      // Written while nobody listens: the resumed stream must bring them.
      await requestOk(server.url, ADMIN, "POST", "/clients", { name: "During the drop" })
      await requestOk(server.url, ADMIN, "POST", "/clients", { name: "Still during the drop" })
      await until(() => seen.length === 3, "the missed events")

      assert.deepStrictEqual(
        seen.map((event) => event.type),
        ["client.created", "client.created", "client.created"]
      )
      assert.deepStrictEqual(
        seen.map((event) => event.sequence),
        [...seen.map((event) => event.sequence)].sort((a, b) => a - b)
      )
      assert.strictEqual(new Set(seen.map((event) => event.sequence)).size, 3)
      assert.deepStrictEqual(proxy.resumedFrom, [null, String(seen[0]!.sequence)])
    } finally {
      stop()
      await proxy?.close()
      await server?.stop()
      temp.remove()
    }
  })
})
