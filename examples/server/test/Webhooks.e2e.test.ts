import { assert, describe, it } from "@effect/vitest"
import { type ChildProcess, spawn } from "node:child_process"
import { existsSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { Webhook } from "standardwebhooks"
import { requestOk } from "./http.js"
import { startServer, tempDir } from "./serverProcess.js"

const ADMIN = "acrm_e2e-webhooks-admin-key-0123456789abcdefghijkl"

/** Starts the receiver process; resolves with its URL once it listens. */
const startReceiver = (file: string, delayMs: number): Promise<{ child: ChildProcess; url: string }> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(import.meta.dirname, "webhookReceiver.mjs"), file, String(delayMs)], {
      stdio: ["ignore", "pipe", "inherit"]
    })
    child.stdout!.on("data", (chunk: Buffer) => {
      const match = /listening (\d+)/.exec(chunk.toString())
      if (match !== null) resolve({ child, url: `http://127.0.0.1:${match[1]}/hook` })
    })
    child.once("exit", (code) => reject(new Error(`receiver exited with ${code}`)))
  })

interface Delivery {
  readonly headers: Record<string, string>
  readonly body: string
}

/** The deliveries the receiver has logged so far: the lines it has finished writing (a line being appended while
 * this reads is left for the next read). */
const deliveries = (file: string): ReadonlyArray<Delivery> => {
  if (!existsSync(file)) return []
  const text = readFileSync(file, "utf8")
  return text
    .slice(0, text.lastIndexOf("\n") + 1)
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => JSON.parse(line) as Delivery)
}

const call = (url: string, method: string, path: string, body?: unknown) => requestOk(url, ADMIN, method, path, body)

const waitFor = async (done: () => boolean, what: string, ms = 60_000) => {
  const until = Date.now() + ms
  while (!done()) {
    if (Date.now() > until) throw new Error(`timed out waiting until ${what}`)
    await new Promise((r) => setTimeout(r, 25))
  }
}

describe("webhooks across a crash", () => {
  it("kill -9 of the server in the middle of deliveries, then a restart: every event is delivered, in order", async () => {
    const temp = tempDir()
    const file = join(temp.dir, "received.ndjson")
    const receiver = await startReceiver(file, 5)
    try {
      const env = {
        CRM_DB_FILE: join(temp.dir, "crm.db"),
        CRM_BOOTSTRAP_ADMIN_KEY: ADMIN,
        CRM_WEBHOOKS_ALLOWED_NETWORKS: "127.0.0.1"
      }
      let server = await startServer(env)
      const created = await call(server.url, "POST", "/webhooks/subscriptions", {
        url: receiver.url,
        eventTypes: ["client.*"]
      })
      const ids: Array<string> = []
      for (let i = 0; i < 200; i++) {
        ids.push((await call(server.url, "POST", "/clients", { name: `Client ${i}`, kind: "prospect" }))["id"])
      }
      await waitFor(() => deliveries(file).length >= 40, "deliveries are under way")
      await server.stop("SIGKILL")
      const atKill = deliveries(file).length
      assert.isBelow(atKill, 200, "the kill came in the middle of the deliveries")

      server = await startServer(env)
      const delivered = () => new Set(deliveries(file).map((d) => JSON.parse(d.body).data.entityId as string))
      await waitFor(() => ids.every((id) => delivered().has(id)), "every client's event is delivered")

      const verifier = new Webhook(created["secret"])
      const seen = new Set<number>()
      let last = 0
      for (const delivery of deliveries(file)) {
        const payload = verifier.verify(delivery.body, delivery.headers) as { data: { sequence: number } }
        const sequence = payload.data.sequence
        assert.strictEqual(delivery.headers["webhook-id"], `msg_${created["subscription"].id.slice(4)}_${sequence}`)
        // A redelivery after the crash repeats what was already sent; anything new comes in order.
        if (!seen.has(sequence)) {
          assert.isAbove(sequence, last)
          last = sequence
          seen.add(sequence)
        }
      }
      assert.strictEqual(seen.size, 200)
      await server.stop()
    } finally {
      receiver.child.kill("SIGKILL")
    }
  })
})
