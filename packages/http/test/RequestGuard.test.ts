import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { connect } from "node:net"
import { baseUrl, bearer, client, keyOfNewMember, type Reply, send, TestServer } from "./support.js"

/** Sends `text` on a fresh connection and resolves with everything the server wrote once it closes the
 * connection (or after `giveUpMs`, with `closed: false`). */
const rawExchange = (text: string, giveUpMs: number) =>
  Effect.flatMap(baseUrl, (url) =>
    Effect.async<{ readonly received: string; readonly closed: boolean }>((resume) => {
      const { port } = new URL(url)
      const socket = connect(Number(port), "127.0.0.1", () => socket.write(text))
      let received = ""
      const timer = setTimeout(() => {
        socket.destroy()
        resume(Effect.succeed({ received, closed: false }))
      }, giveUpMs)
      socket.on("data", (chunk) => (received += chunk.toString()))
      socket.on("error", () => undefined)
      socket.on("close", () => {
        clearTimeout(timer)
        resume(Effect.succeed({ received, closed: true }))
      })
    })
  )

const clientCount = Effect.map(
  send("GET", "/clients?limit=200"),
  (reply) => (reply.body["items"] as Array<unknown>).length
)

/** Asserts the one 400 shape: `ValidationFailed`, one issue per field, readable messages and no schema dump. */
const assertValidationFailed = (reply: Reply, path?: string) => {
  assert.strictEqual(reply.status, 400, JSON.stringify(reply.body))
  assert.strictEqual(reply.body._tag, "ValidationFailed")
  const issues = reply.body["issues"] as ReadonlyArray<{ readonly path: string; readonly message: string }>
  assert.isAbove(issues.length, 0)
  assert.strictEqual(new Set(issues.map((i) => i.path)).size, issues.length, "one issue per field")
  for (const issue of issues) {
    assert.isAbove(issue.message.length, 0)
    // What a schema dump looks like: the TreeFormatter's tree and the structure of the expected type.
    assert.notMatch(issue.message, /└─|Expected \{|readonly /, issue.message)
  }
  assert.notMatch(String(reply.body.message), /└─|Expected \{|readonly /)
  if (path !== undefined)
    assert.include(
      issues.map((i) => i.path),
      path,
      JSON.stringify(issues)
    )
}

const viewerKey = keyOfNewMember("Vera", "viewer")

describe("what a request may send", () => {
  it.effect("a body in any media type but application/json (UTF-8) is refused with 415, unread and unstored", () =>
    Effect.gen(function* () {
      const vera = yield* viewerKey
      const before = yield* clientCount
      const body = JSON.stringify({ name: "Sneaky" })
      const types = [
        "application/vnd.api+json",
        "application/merge-patch+json",
        "application/problem+json",
        "text/plain",
        "application/x-www-form-urlencoded",
        "application/json; charset=latin1",
        "application/json-seq",
        "multipart/form-data; boundary=x",
        "not a media type"
      ]
      for (const type of types) {
        for (const key of [bearer(), bearer(vera)]) {
          const reply = yield* send("POST", "/clients", body, { ...key, "content-type": type })
          assert.strictEqual(reply.status, 415, `${type}: ${JSON.stringify(reply.body)}`)
          assert.strictEqual(reply.body._tag, "UnsupportedMediaType")
          assert.deepStrictEqual(reply.body["supported"], ["application/json"])
          assert.strictEqual(reply.headers.get("accept-post"), "application/json")
        }
        const patch = yield* send("PATCH", "/team-members/00000000-0000-7000-8000-0000000000ff", body, {
          "content-type": type
        })
        assert.strictEqual(patch.status, 415, type)
      }
      // An empty body is parsed by its declared type too: a multipart parser on nothing would wait forever.
      for (const type of ["multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "text/plain"]) {
        const empty = yield* send("POST", "/tasks", "", { "content-type": type })
        assert.strictEqual(empty.status, 415, type)
      }
      // A well-formed multipart form is no more a create body than a broken one.
      const form = new FormData()
      form.set("name", "Form Client")
      const url = yield* baseUrl
      const posted = yield* Effect.promise(() =>
        fetch(`${url}/clients`, { method: "POST", headers: bearer(), body: form })
      )
      assert.strictEqual(posted.status, 415)
      // A compressed body is not read as if it were plain: any coding but identity is refused.
      for (const coding of ["gzip", "br", "deflate, gzip", "x-custom"]) {
        const reply = yield* send("POST", "/clients", body, { "content-encoding": coding })
        assert.strictEqual(reply.status, 415, coding)
        assert.strictEqual(reply.headers.get("accept-encoding"), "identity")
      }
      assert.strictEqual((yield* send("POST", "/clients", body, { "content-encoding": "identity" })).status, 201)
      // JSON as it is usually sent: with or without a UTF-8 charset, in any letter case.
      for (const type of ["application/json", "Application/JSON; charset=UTF-8", "application/json;charset=utf-8"]) {
        assert.strictEqual((yield* send("POST", "/clients", body, { "content-type": type })).status, 201, type)
      }
      assert.strictEqual(yield* clientCount, before + 4)
    }).pipe(Effect.provide(TestServer()))
  )

  it.effect("1 MiB bodies of an unsupported type are answered at once, not held", () =>
    Effect.gen(function* () {
      const big = JSON.stringify({ name: "x", notes: "y".repeat(1024 * 1024 - 40) })
      const replies = yield* Effect.all(
        Array.from({ length: 40 }, () => send("POST", "/clients", big, { "content-type": "application/vnd.api+json" })),
        { concurrency: "unbounded" }
      )
      assert.deepStrictEqual([...new Set(replies.map((r) => r.status))], [415])
      assert.strictEqual((yield* send("GET", "/health")).status, 200)
    }).pipe(Effect.provide(TestServer()))
  )

  it.effect("JSON nested too deep is a 400, at the top level and inside a field, whatever the endpoint", () =>
    Effect.gen(function* () {
      const nested = (depth: number) => "[".repeat(depth) + "]".repeat(depth)
      const cases = [
        ["POST", "/clients", nested(3000)],
        ["POST", "/clients", `{"name":${nested(3000)}}`],
        ["POST", "/clients", `{"name":"x","notes":${'{"a":'.repeat(3000)}1${"}".repeat(3000)}}`],
        ["POST", "/tasks", `{"projectId":"p","title":${nested(65)}}`],
        ["PATCH", "/tasks/00000000-0000-7000-8000-0000000000ff", `{"title":${nested(100_000)}}`]
      ] as const
      for (const [method, path, body] of cases) {
        const reply = yield* send(method, path, body)
        assertValidationFailed(reply)
        assert.match(String(reply.body.message), /deeper than 64 levels/)
      }
      // At the limit, the guard lets the body through and the schema names the field.
      assertValidationFailed(yield* send("POST", "/clients", `{"name":${nested(63)}}`), "name")
    }).pipe(Effect.provide(TestServer()))
  )

  it.effect("text that is not valid Unicode is a 400 and nothing is stored: invalid UTF-8, unpaired surrogates", () =>
    Effect.gen(function* () {
      const before = yield* clientCount
      const url = yield* baseUrl
      const rawBody = (bytes: Uint8Array) =>
        Effect.promise(async () => {
          const response = await fetch(`${url}/clients`, {
            method: "POST",
            headers: { ...bearer(), "content-type": "application/json" },
            body: bytes
          })
          return { status: response.status, body: await response.json(), headers: response.headers } as Reply
        })
      const invalidUtf8 = new Uint8Array([...Buffer.from('{"name":"Caf'), 0xe9, ...Buffer.from('"}')])
      assertValidationFailed(yield* rawBody(invalidUtf8))
      const overlong = new Uint8Array([...Buffer.from('{"name":"'), 0xc0, 0xaf, ...Buffer.from('"}')])
      assertValidationFailed(yield* rawBody(overlong))
      // JSON escapes are the only way to send a lone surrogate: in a value, in a key, in a nested list.
      for (const body of [
        '{"name":"\\ud800"}',
        '{"name":"ok","notes":"tail \\udc00"}',
        '{"name":"ok","\\ud83d":1}',
        '{"name":"ok","tags":["a","\\ud83d"]}'
      ]) {
        assertValidationFailed(yield* send("POST", "/clients", body))
      }
      // Control characters are not text either; tabs and line breaks are.
      for (const body of [
        '{"name":"A\\u0000B"}',
        '{"name":"ok","notes":"bell \\u0007"}',
        '{"name":"ok","\\u001b[31m":1}'
      ]) {
        const reply = yield* send("POST", "/clients", body)
        assertValidationFailed(reply)
        assert.match(String(reply.body.message), /control character/)
      }
      const multiline = yield* send("POST", "/clients", '{"name":"Lines","notes":"one\\ntwo\\tthree\\r\\n"}')
      assert.strictEqual(multiline.status, 201)
      assert.strictEqual(multiline.body["notes"], "one\ntwo\tthree\r\n")
      // A well-formed pair is text like any other.
      const emoji = yield* send("POST", "/clients", '{"name":"Caf\\u00e9 \\ud83d\\ude00"}')
      assert.strictEqual(emoji.status, 201)
      assert.strictEqual(emoji.body["name"], "Café 😀")
      // In the URL: percent-encoded bytes that are not UTF-8.
      assertValidationFailed(yield* send("GET", "/clients?kind=%FF"), "url")
      assertValidationFailed(yield* send("GET", "/search?q=%ED%A0%80"), "url")
      assertValidationFailed(yield* send("GET", "/search?q=100%"), "url")
      assert.strictEqual(yield* clientCount, before + 2)
    }).pipe(Effect.provide(TestServer()))
  )

  it.live("a body that stalls is answered 408 after the body timeout, and its connection is closed", () =>
    Effect.gen(function* () {
      const key = bearer().authorization
      const head = (length: number) =>
        `POST /clients HTTP/1.1\r\nHost: x\r\nAuthorization: ${key}\r\nContent-Type: application/json\r\n` +
        `Content-Length: ${length}\r\n\r\n`
      const stalled = yield* rawExchange(`${head(1000)}{"name":"x"`, 5_000)
      assert.isTrue(stalled.closed, stalled.received)
      assert.match(stalled.received, /^HTTP\/1\.1 408 /)
      assert.include(stalled.received, '"_tag":"RequestTimeout"')
      assert.include(stalled.received.toLowerCase(), "connection: close")
      // A chunked body that never ends, likewise.
      const chunked =
        `POST /clients HTTP/1.1\r\nHost: x\r\nAuthorization: ${key}\r\nContent-Type: application/json\r\n` +
        `Transfer-Encoding: chunked\r\n\r\n5\r\n{"nam\r\n`
      const endless = yield* rawExchange(chunked, 5_000)
      assert.isTrue(endless.closed)
      assert.match(endless.received, /^HTTP\/1\.1 408 /)
      // A body that arrives in time is read as usual.
      const whole = yield* rawExchange(
        `${head(12).replace("Host: x", "Host: x\r\nConnection: close")}{"name":"x"}`,
        5_000
      )
      assert.match(whole.received, /^HTTP\/1\.1 201 /)
    }).pipe(Effect.provide(TestServer({ bodyTimeoutMs: 300 })))
  )

  it.effect("integers in the query are decimal digits only; days defaults to a week", () =>
    Effect.gen(function* () {
      for (const limit of ["0x10", "1e1", "+16", " 16", "16.0", "016.5", "Infinity", "", "-0x1"]) {
        assertValidationFailed(yield* send("GET", `/tasks?limit=${encodeURIComponent(limit)}`), "limit")
      }
      assert.strictEqual((yield* send("GET", "/tasks?limit=16")).status, 200)
      assert.strictEqual((yield* send("GET", "/tasks?limit=016")).status, 200)
      assertValidationFailed(yield* send("GET", "/tasks?limit=500"), "limit")
      assertValidationFailed(yield* send("GET", "/events?after=0x10"), "after")
      assertValidationFailed(yield* send("GET", "/tracking/due-soon?days=0x7"), "days")
      assert.strictEqual((yield* send("GET", "/tracking/due-soon")).status, 200)
      assert.strictEqual((yield* send("GET", "/tracking/due-soon?days=30")).status, 200)
    }).pipe(Effect.provide(TestServer()))
  )

  it.effect("every 400 has the one ValidationFailed shape: path, query, header and body alike", () =>
    Effect.gen(function* () {
      const api = yield* client()
      const acme = yield* api.clients.create({ payload: { name: "Acme", kind: "client" } })
      assertValidationFailed(yield* send("GET", "/tasks/not-a-uuid"), "id")
      assertValidationFailed(yield* send("GET", "/tasks?status=todo,nope"), "status.1")
      assertValidationFailed(yield* send("GET", "/tasks?sortBy=colour"), "sortBy")
      assertValidationFailed(yield* send("GET", "/history/planet/x"), "entityType")
      assertValidationFailed(yield* send("POST", "/clients", "{}"), "name")
      assertValidationFailed(yield* send("POST", "/clients", '{"name":"A","colour":"red"}'), "colour")
      assertValidationFailed(yield* send("POST", "/clients", "[1,2]"))
      assertValidationFailed(yield* send("POST", "/clients", '{"name": "Broken'))
      assertValidationFailed(
        yield* send(
          "POST",
          "/interactions",
          JSON.stringify({ clientId: acme.id, kind: "call", summary: "Hi", satisfaction: 4 })
        ),
        "satisfaction"
      )
      assertValidationFailed(
        yield* send("PATCH", `/clients/${acme.id}`, '{"notes":"x"}', { "if-match": "yesterday" }),
        "if-match"
      )
      assertValidationFailed(
        yield* send("PATCH", `/clients/${acme.id}`, '{"notes":"x"}', { "if-match": '"1", "2"' }),
        "if-match"
      )
    }).pipe(Effect.provide(TestServer()))
  )
})
