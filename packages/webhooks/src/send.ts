import { type Agent, request as httpRequest } from "node:http"
import { request as httpsRequest } from "node:https"
import type { LookupFunction } from "node:net"
import { type AllowList, resolveChecked } from "./addresses.js"

/** What one attempt came to: the status code (when a response came) or the error, and how long it took. */
export interface SendResult {
  readonly statusCode: number | null
  readonly error: string | null
  readonly latencyMs: number
}

/** Whether a status code counts as delivered: 2xx only (a redirect is not followed, so it is a failure). */
export const delivered = (statusCode: number | null): boolean =>
  statusCode !== null && statusCode >= 200 && statusCode < 300

const BODY_LIMIT = 64 * 1024

/** POSTs `body` to `url` once: the host is resolved and checked against the allow-list at this moment and the
 * connection goes to the checked address; no redirect is followed; the whole attempt is cut at `timeoutMs`. */
export const send = (
  url: URL,
  headers: Record<string, string>,
  body: string,
  allowList: AllowList,
  timeoutMs: number,
  agent?: Agent
): Promise<SendResult> =>
  new Promise((resolve) => {
    const started = performance.now()
    const post = (checked: { readonly address: string; readonly family: number }) => {
      let settled = false
      const finish = (statusCode: number | null, error: string | null) => {
        if (settled) return
        settled = true
        clearTimeout(timer)
        resolve({ statusCode, error, latencyMs: Math.round(performance.now() - started) })
      }
      const checkedLookup: LookupFunction = (_hostname, options, callback) => {
        const { address, family } = checked
        if ((options as { all?: boolean }).all === true) (callback as any)(null, [{ address, family }])
        else callback(null, address, family)
      }
      const make = url.protocol === "https:" ? httpsRequest : httpRequest
      const req = make(url, {
        method: "POST",
        headers: {
          ...headers,
          "content-length": String(Buffer.byteLength(body)),
          "user-agent": "agency-crm-webhooks/1"
        },
        lookup: checkedLookup,
        agent: agent ?? false
      })
      const timer = setTimeout(() => {
        finish(null, `timed out after ${timeoutMs} ms`)
        req.destroy()
      }, timeoutMs)
      req.on("response", (res) => {
        let read = 0
        res.on("data", (chunk: Buffer) => {
          read += chunk.length
          // Only the status matters: a receiver streaming a large answer is cut off.
          if (read > BODY_LIMIT) res.destroy()
        })
        res.on("end", () =>
          finish(res.statusCode ?? null, delivered(res.statusCode ?? null) ? null : `status ${res.statusCode}`)
        )
        res.on("close", () =>
          finish(res.statusCode ?? null, delivered(res.statusCode ?? null) ? null : `status ${res.statusCode}`)
        )
        res.on("error", () => finish(res.statusCode ?? null, null))
      })
      req.on("error", (error) => finish(null, error.message))
      req.end(body)
    }
    // Checked before connecting (Node never calls `lookup` for an address literal), and the socket connects to the
    // checked address: no second resolution can point it elsewhere.
    resolveChecked(url.hostname, allowList).then(post, (error: Error) =>
      resolve({ statusCode: null, error: error.message, latencyMs: Math.round(performance.now() - started) })
    )
  })
