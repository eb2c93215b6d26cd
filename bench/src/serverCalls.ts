import { KEY } from "./processes.js"

// What the sections that drive the example server over HTTP share.

/** Calls the example server as the benchmark's admin; a status of 300 or more throws. */
export const api = async (url: string, method: string, path: string, body?: unknown): Promise<any> => {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: `Bearer ${KEY}`, "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) })
  })
  if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`)
  return response.status === 204 ? null : response.json()
}

/** The value at percentile `p` (0–100) of `values`. */
export const percentile = (values: ReadonlyArray<number>, p: number) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0
}

/** A whole number with thousands separators. */
export const int = (n: number) => Math.round(n).toLocaleString("en-US")

/** Resolves after `ms`. */
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
