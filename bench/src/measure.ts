/** Latency samples of one operation, in nanoseconds. */
export interface Samples {
  readonly name: string
  readonly ns: Float64Array
  readonly count: number
  readonly totalNs: number
}

/** Operations per second over the whole run. */
export const opsPerSecond = (s: Samples): number => (s.count / s.totalNs) * 1e9

/** The `q` quantile (0–1) of the samples, in microseconds. */
export const quantileUs = (s: Samples, q: number): number => {
  const sorted = Float64Array.from(s.ns.subarray(0, s.count)).sort()
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))
  return sorted[index]! / 1000
}

/** Runs `op` repeatedly after a warm-up, until `iterations` are done or `maxMs` has passed; records each
 * call's latency. `op` returns a promise or nothing (synchronous). */
export const measure = async (
  name: string,
  op: (i: number) => unknown,
  options: { readonly iterations: number; readonly warmup: number; readonly maxMs: number }
): Promise<Samples> => {
  for (let i = 0; i < options.warmup; i++) await op(i)
  const ns = new Float64Array(options.iterations)
  const started = process.hrtime.bigint()
  const deadline = started + BigInt(options.maxMs) * 1_000_000n
  let count = 0
  for (; count < options.iterations; count++) {
    const t0 = process.hrtime.bigint()
    const result = op(options.warmup + count)
    if (result instanceof Promise) await result
    const t1 = process.hrtime.bigint()
    ns[count] = Number(t1 - t0)
    if (t1 > deadline) {
      count++
      break
    }
  }
  const totalNs = Number(process.hrtime.bigint() - started)
  return { name, ns, count, totalNs }
}

/** A number for a table: integers with thousands separators, small values with two decimals. */
export const fmt = (n: number): string =>
  n >= 100 ? Math.round(n).toLocaleString("en-US") : n >= 10 ? n.toFixed(1) : n.toFixed(2)

/** One series of samples from chunks of the same operation (runs taken in turns). */
export const mergeSamples = (chunks: ReadonlyArray<Samples>): Samples => {
  const count = chunks.reduce((n, c) => n + c.count, 0)
  const ns = new Float64Array(count)
  let at = 0
  for (const c of chunks) {
    ns.set(c.ns.subarray(0, c.count), at)
    at += c.count
  }
  return { name: chunks[0]!.name, ns, count, totalNs: chunks.reduce((t, c) => t + c.totalNs, 0) }
}
