import { assert, describe, it } from "@effect/vitest"
import { spawn } from "node:child_process"
import { readdirSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { request } from "./http.js"
import { startServer, tempDir } from "./serverProcess.js"

const CLI = join(import.meta.dirname, "..", "..", "..", "packages", "cli", "dist", "main.js")
const ADMIN = "acrm_e2e-data-transfer-admin-key-0123456789ab"
const MARKER = "Qvzmarker"

/** Runs `agency-crm` as a user would. */
const cli = (args: ReadonlyArray<string>) =>
  new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ["ignore", "pipe", "pipe"] })
    let stdout = ""
    let stderr = ""
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()))
    child.on("exit", (code) => resolve({ code, stdout, stderr }))
  })

const call = (base: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
  request(base, ADMIN, method, path, body, headers)

/** The whole `/events` replay from the start, read until the stream reaches `latest`. */
const replay = async (base: string, latest: number) => {
  const controller = new AbortController()
  const response = await fetch(`${base}/events?after=0`, {
    headers: { authorization: `Bearer ${ADMIN}` },
    signal: controller.signal
  })
  const reader = response.body!.getReader()
  const decoder = new TextDecoder()
  let text = ""
  while (!text.includes(`id: ${latest}\n`)) {
    const { done, value } = await reader.read()
    if (done) break
    text += decoder.decode(value, { stream: true })
  }
  controller.abort()
  return text
}

describe("data in and out", () => {
  it("round-trips the demo database: export, import into an empty one, export again, byte for byte", async () => {
    const temp = tempDir()
    try {
      const demo = join(temp.dir, "demo.db")
      const server = await startServer({ CRM_DB_FILE: demo }, ["--demo"])
      await server.stop("SIGTERM")
      const first = await cli(["export", "all", "-d", demo, "-o", join(temp.dir, "first")])
      assert.strictEqual(first.code, 0, first.stderr)
      const empty = join(temp.dir, "empty.db")
      assert.strictEqual((await cli(["migrate", "-d", empty])).code, 0)
      const imported = await cli(["import", "all", join(temp.dir, "first"), "-d", empty])
      assert.strictEqual(imported.code, 0, imported.stderr)
      assert.match(imported.stderr, /opportunities: (\d+) rows, \1 imported, 0 unchanged, 0 rejected/)
      const second = await cli(["export", "all", "-d", empty, "-o", join(temp.dir, "second")])
      assert.strictEqual(second.code, 0, second.stderr)
      const files = readdirSync(join(temp.dir, "first")).sort()
      assert.deepStrictEqual(files, readdirSync(join(temp.dir, "second")).sort())
      assert.isAtLeast(files.length, 10)
      for (const file of files) {
        const before = readFileSync(join(temp.dir, "first", file), "utf8")
        assert.isAbove(before.split("\n").length, 2, `${file} has rows`)
        assert.strictEqual(readFileSync(join(temp.dir, "second", file), "utf8"), before, file)
      }

      // Over HTTP, kind by kind: the same files go in as CSV bodies and come out of the export unchanged.
      const fresh = await startServer({ CRM_DB_FILE: join(temp.dir, "http.db"), CRM_BOOTSTRAP_ADMIN_KEY: ADMIN })
      for (const kind of ["organizations", "contacts"]) {
        const csv = readFileSync(join(temp.dir, "first", `${kind}.csv`), "utf8")
        const members = readFileSync(join(temp.dir, "first", "members.csv"), "utf8")
        if (kind === "organizations") {
          // The bootstrap admin has the demo admin's email: that row is refused, the others kept.
          const reply = await call(fresh.url, "POST", "/data/imports/members?partial=true", members)
          assert.strictEqual(reply.status, 200, reply.text)
          assert.strictEqual(reply.body["rejects"][0]["field"], "email")
        }
        const reply = await call(fresh.url, "POST", `/data/imports/${kind}`, csv)
        assert.strictEqual(reply.status, 200, reply.text)
        assert.strictEqual(reply.body["rejectedRows"], 0)
        const out = await call(fresh.url, "GET", `/data/exports/${kind}`)
        assert.strictEqual(out.status, 200)
        assert.strictEqual(out.text, csv, kind)
      }
      // With an idempotency key, a retry is answered from the first run, not imported twice.
      const once = await call(fresh.url, "POST", "/data/imports/markets", "name\nAerospace\n", {
        "idempotency-key": "markets-1"
      })
      assert.strictEqual(once.status, 200, once.text)
      assert.strictEqual(once.body["imported"], 1)
      const retried = await fetch(`${fresh.url}/data/imports/markets`, {
        method: "POST",
        headers: { authorization: `Bearer ${ADMIN}`, "content-type": "text/csv", "idempotency-key": "markets-1" },
        body: "name\nAerospace\n"
      })
      assert.strictEqual(retried.headers.get("idempotent-replayed"), "true")
      assert.strictEqual(await retried.text(), once.text)
      // A bad body is a 4xx naming the problem, and stores nothing.
      const bad = await call(fresh.url, "POST", "/data/imports/contacts", "name,clientId\nX,Nowhere\n")
      assert.strictEqual(bad.status, 422)
      assert.strictEqual(bad.body["reports"][0]["rejects"][0]["field"], "clientId")
      assert.strictEqual((await call(fresh.url, "POST", "/data/imports/contacts", "nope\nx\n")).status, 400)
      assert.strictEqual((await call(fresh.url, "POST", "/data/imports/contacts", { name: "x" })).status, 415)
      assert.strictEqual((await call(fresh.url, "POST", "/data/imports/unknown", "name\nx\n")).status, 400)
      const probes: ReadonlyArray<readonly [string, string, Record<string, string>]> = [
        ["/data/imports/contacts?mapping=notjson", "name\nx\n", {}],
        ["/data/imports/contacts?mapping=%7B%22a%22%3A5%7D", "name\nx\n", {}],
        ["/data/imports/contacts?partial=maybe", "name\nx\n", {}],
        ["/data/imports/contacts", "", {}],
        ["/data/imports/contacts", "name\nx\n", { "content-type": "text/csv; charset=latin1" }],
        ["/data/imports/contacts", "name\nx\n", { "content-encoding": "gzip" }]
      ]
      for (const [path, body, headers] of probes) {
        const reply = await call(fresh.url, "POST", path, body, headers)
        assert.include([400, 415], reply.status, `${path} ${JSON.stringify(headers)}: ${reply.text}`)
      }
      assert.strictEqual((await call(fresh.url, "GET", "/data/exports/contacts?format=xml")).status, 400)
      assert.strictEqual((await call(fresh.url, "GET", "/contacts/nope/personal-data")).status, 400)
      const missing = "01a24270-0000-7000-8000-0000000000ff"
      assert.strictEqual((await call(fresh.url, "POST", `/contacts/${missing}/erase`)).status, 404)
      await fresh.stop("SIGTERM")
    } finally {
      temp.remove()
    }
  })

  it("erases a person over HTTP: the marker is in no response, no export, and neither the .db nor the -wal file", async () => {
    const temp = tempDir()
    try {
      const server = await startServer({ CRM_DB_FILE: join(temp.dir, "crm.db"), CRM_BOOTSTRAP_ADMIN_KEY: ADMIN })
      const base = server.url
      const me = (await call(base, "GET", "/me")).body
      const client = (await call(base, "POST", "/clients", { name: "Acme" })).body
      // With an idempotency key, the server keeps the answer, which holds the marker: the erasure forgets it.
      const contact = (
        await call(
          base,
          "POST",
          "/contacts",
          {
            clientId: client["id"],
            name: `Ana ${MARKER}`,
            email: `ana@${MARKER.toLowerCase()}.test`,
            phone: `+34 ${MARKER}`,
            position: `Head of ${MARKER}`,
            notes: `Met at the ${MARKER} fair`
          },
          { "idempotency-key": "create-ana" }
        )
      ).body
      const id = contact["id"] as string
      const patched = await call(base, "PATCH", `/contacts/${id}`, { notes: `Prefers ${MARKER} tea` })
      assert.strictEqual(patched.status, 200, patched.text)
      const logged = await call(base, "POST", "/interactions", {
        contactId: id,
        kind: "call",
        summary: `Called Ana ${MARKER}`,
        outcome: `${MARKER} wants a quote`,
        followUp: { title: `Quote for Ana ${MARKER}`, assigneeId: me["id"] }
      })
      assert.strictEqual(logged.status, 201, logged.text)
      const deal = await call(base, "POST", "/opportunities", {
        name: `Deal with Ana ${MARKER}`,
        clientId: client["id"],
        contactId: id,
        ownerId: me["id"]
      })
      assert.strictEqual(deal.status, 201, deal.text)
      assert.match((await call(base, "GET", `/search?q=${MARKER}`)).text, new RegExp(MARKER))

      const erased = await call(base, "POST", `/contacts/${id}/erase`)
      assert.strictEqual(erased.status, 200, erased.text)
      assert.deepStrictEqual(erased.body["erasedFields"], ["name", "email", "phone", "position", "notes"])
      assert.strictEqual(erased.body["forgottenResponses"], 1)
      assert.isTrue(erased.body["purged"])

      const marker = new RegExp(MARKER, "i")
      const reads = [
        "/contacts",
        `/contacts/${id}`,
        `/contacts/${id}/personal-data`,
        "/interactions",
        "/opportunities",
        "/tasks",
        `/history/contact/${id}`,
        `/clients/${client["id"]}/timeline`,
        `/search?q=${MARKER}`,
        `/search?q=ana`,
        ...["organizations", "contacts", "opportunities", "tasks", "interactions"].flatMap((kind) => [
          `/data/exports/${kind}`,
          `/data/exports/${kind}?format=json`
        ])
      ]
      for (const path of reads) {
        const reply = await call(base, "GET", path)
        assert.strictEqual(reply.status, 200, `${path}: ${reply.text}`)
        assert.notMatch(
          reply.text,
          marker,
          `${path}: ${reply.text.slice(Math.max(0, reply.text.search(marker) - 300), reply.text.search(marker) + 50)}`
        )
      }
      const latest = (await call(base, "GET", "/health")).body["storage"]["latestSequence"] as number
      const events = await replay(base, latest)
      assert.include(events, "event: contact.erased")
      assert.notMatch(events, marker)
      // The replayed request now runs anew rather than answering with the stored, erased response.
      const again = await call(
        base,
        "POST",
        "/contacts",
        { clientId: client["id"], name: "Someone" },
        {
          "idempotency-key": "create-ana"
        }
      )
      assert.notMatch(again.text, marker)

      for (const name of readdirSync(temp.dir).filter((file) => file.startsWith("crm.db"))) {
        const bytes = readFileSync(join(temp.dir, name))
        assert.isFalse(bytes.includes(Buffer.from(MARKER)), name)
        assert.isFalse(bytes.includes(Buffer.from(MARKER.toLowerCase())), name)
      }
      await server.stop("SIGTERM")
      for (const name of readdirSync(temp.dir).filter((file) => file.startsWith("crm.db"))) {
        assert.isFalse(readFileSync(join(temp.dir, name)).includes(Buffer.from(MARKER)), `${name} after stop`)
      }
    } finally {
      temp.remove()
    }
  })
})
