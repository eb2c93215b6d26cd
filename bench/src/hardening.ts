import { join } from "node:path"
import { exampleServer, KEY, peakRssMiB, startExample, stop } from "./processes.js"

/** What one probe of the hardening section measured. */
export interface HardeningResult {
  readonly probe: string
  readonly answered: string
  readonly seconds: number
  readonly rssMiB: number
}

const ONE_MIB = 1024 * 1024

/** Sends `count` requests, `concurrency` at a time, each given up after `timeoutMs`; counts the answers by status. */
const flood = async (
  count: number,
  concurrency: number,
  timeoutMs: number,
  send: (i: number, signal: AbortSignal) => Promise<Response>
) => {
  const statuses = new Map<string, number>()
  let next = 0
  const started = performance.now()
  const worker = async () => {
    while (next < count) {
      const i = next++
      let status: string
      try {
        const response = await send(i, AbortSignal.timeout(timeoutMs))
        await response.arrayBuffer()
        status = String(response.status)
      } catch (error) {
        status = (error as Error).name === "TimeoutError" ? "no answer" : "connection error"
      }
      statuses.set(status, (statuses.get(status) ?? 0) + 1)
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker))
  const answered = [...statuses].map(([status, n]) => `${n.toLocaleString("en-US")} × ${status}`).join(", ")
  return { answered, seconds: Math.round((performance.now() - started) / 10) / 100 }
}

/**
 * Probes of what the issue found: 1 MiB bodies in a `+json` media type (the old server never answered them and
 * held each body), 20 creates at once with one `Idempotency-Key`, and a throttled client that others try to
 * flush from the throttle's table (behind a trusted proxy, so each request names its client). Each probe runs
 * against a fresh server, so its peak memory is its own.
 */
export const hardeningBench = async (
  dir: string,
  quick: boolean,
  server: string = process.env["BENCH_EXAMPLE_SERVER"] ?? exampleServer
): Promise<ReadonlyArray<HardeningResult>> => {
  const results: Array<HardeningResult> = []
  const headers = { authorization: `Bearer ${KEY}` }
  const bodies = quick ? 200 : 1_100
  {
    const running = await startExample(join(dir, "media.db"), [], server)
    try {
      const body = JSON.stringify({ name: "x", notes: "y".repeat(ONE_MIB - 100) })
      const outcome = await flood(bodies, 50, 5_000, (_, signal) =>
        fetch(`${running.url}/clients`, {
          method: "POST",
          headers: { ...headers, "content-type": "application/vnd.api+json" },
          body,
          signal
        })
      )
      results.push({
        probe: `${bodies.toLocaleString("en-US")} POSTs of 1 MiB as application/vnd.api+json, 50 at a time (5 s each at most)`,
        ...outcome,
        rssMiB: Math.round(peakRssMiB(running.child.pid!))
      })
    } finally {
      await stop(running)
    }
  }
  {
    const running = await startExample(join(dir, "idempotency.db"), [], server)
    try {
      const body = JSON.stringify({ name: "Once Only" })
      const outcome = await flood(20, 20, 5_000, (_, signal) =>
        fetch(`${running.url}/clients`, {
          method: "POST",
          headers: { ...headers, "content-type": "application/json", "idempotency-key": "bench-once" },
          body,
          signal
        })
      )
      const listed = (await (await fetch(`${running.url}/clients?limit=200`, { headers })).json()) as {
        readonly items: ReadonlyArray<unknown>
      }
      results.push({
        probe: "20 creates at once with one Idempotency-Key",
        answered: `${outcome.answered}; clients created: ${listed.items.length}`,
        seconds: outcome.seconds,
        rssMiB: Math.round(peakRssMiB(running.child.pid!))
      })
    } finally {
      await stop(running)
    }
  }
  {
    const running = await startExample(join(dir, "throttle.db"), [], server, { CRM_TRUSTED_PROXIES: "loopback" })
    try {
      const guess = (address: string, signal?: AbortSignal) =>
        fetch(`${running.url}/tasks`, {
          headers: { authorization: `Bearer acrm_${"0".repeat(43)}`, "x-forwarded-for": address },
          ...(signal === undefined ? {} : { signal })
        })
      // One client guesses until it is throttled; then 20,000 others (one failure each) try to flush its count.
      for (let i = 0; i < 12; i++) await (await guess("203.0.113.7")).arrayBuffer()
      const others = quick ? 5_000 : 20_000
      const outcome = await flood(others, 50, 5_000, (i, signal) =>
        guess(`10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`, signal)
      )
      const victim = (await guess("203.0.113.7")).status
      const valid = (await fetch(`${running.url}/tasks`, { headers: { ...headers, "x-forwarded-for": "203.0.113.7" } }))
        .status
      results.push({
        probe: `a client throttled, then ${others.toLocaleString("en-US")} failed authentications from as many other addresses`,
        answered: `${outcome.answered}; the throttled client's next guess: ${victim}; a valid key from its address: ${valid}`,
        seconds: outcome.seconds,
        rssMiB: Math.round(peakRssMiB(running.child.pid!))
      })
    } finally {
      await stop(running)
    }
  }
  return results
}

/** The Markdown table of the hardening probes. */
export const hardeningTable = (results: ReadonlyArray<HardeningResult>): string =>
  [
    "| probe | answers | seconds | server peak RSS MiB |",
    "| --- | --- | ---: | ---: |",
    ...results.map((r) => `| ${r.probe} | ${r.answered} | ${r.seconds} | ${r.rssMiB} |`)
  ].join("\n")
