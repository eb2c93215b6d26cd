import { assert } from "@effect/vitest"

/** An answer of the server: its status, its body as text, and the body parsed as JSON (`{}` when empty). */
export interface Reply {
  readonly status: number
  readonly headers: Headers
  readonly text: string
  readonly body: Record<string, any>
}

/** Sends a request with the API key `key`: a string body goes as `text/csv` (imports), anything else as JSON. */
export const request = async (
  base: string,
  key: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {}
): Promise<Reply> => {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${key}`,
      ...(body === undefined ? {} : { "content-type": typeof body === "string" ? "text/csv" : "application/json" }),
      ...headers
    },
    ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) })
  })
  const text = await response.text()
  return {
    status: response.status,
    headers: response.headers,
    text,
    // Parsed when read: an export's CSV is not JSON.
    get body() {
      return (text === "" ? {} : JSON.parse(text)) as Record<string, any>
    }
  }
}

/** `request`, asserting a 2xx answer; its body parsed. */
export const requestOk = async (
  base: string,
  key: string,
  method: string,
  path: string,
  body?: unknown
): Promise<Record<string, any>> => {
  const reply = await request(base, key, method, path, body)
  assert.isBelow(reply.status, 300, `${method} ${path}: ${reply.text}`)
  return reply.body
}
