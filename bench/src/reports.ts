import { Actor, ClientReports, DeliveryReports, LocalDate, SalesReports, type TeamMemberId } from "@agency-crm/core"
import { Effect } from "effect"
import { libraryRuntime } from "./libraryWorld.js"
import { fmt, measure, mergeSamples, quantileUs, type Samples } from "./measure.js"
import { generateReportsWorld, HISTORY_END, memberId, PER_DAY } from "./reportsWorld.js"

const day = (ms: number) => LocalDate.make(new Date(ms).toISOString().slice(0, 10))
/** The fixed window every report reads: the 90 days before the end of the generated history. */
const window = { from: day(HISTORY_END - 90 * 86_400_000), to: day(HISTORY_END) }

type Reports = SalesReports | ClientReports | DeliveryReports

const reports: ReadonlyArray<{
  readonly name: string
  readonly run: Effect.Effect<unknown, unknown, Reports | Actor>
}> = [
  { name: "pipeline", run: Effect.flatMap(SalesReports, (r) => r.pipeline(window)) },
  { name: "forecast", run: Effect.flatMap(SalesReports, (r) => r.forecast(window)) },
  { name: "conversion", run: Effect.flatMap(SalesReports, (r) => r.conversion(window)) },
  { name: "wins", run: Effect.flatMap(SalesReports, (r) => r.wins(window)) },
  { name: "revenue", run: Effect.flatMap(SalesReports, (r) => r.revenue(window)) },
  { name: "satisfaction", run: Effect.flatMap(ClientReports, (r) => r.satisfaction(window)) },
  { name: "response time", run: Effect.flatMap(ClientReports, (r) => r.responseTime(window)) },
  { name: "activity", run: Effect.flatMap(ClientReports, (r) => r.activity(window)) },
  { name: "retention", run: Effect.flatMap(ClientReports, (r) => r.retention(window)) },
  { name: "delivery", run: Effect.flatMap(DeliveryReports, (r) => r.delivery({ ...window, today: window.to })) },
  { name: "projects", run: Effect.flatMap(DeliveryReports, (r) => r.projects(window)) }
]

/** Latencies of every report at one size. */
export interface ReportsRow {
  readonly size: number
  readonly generatedSeconds: number
  readonly samples: ReadonlyArray<Samples>
}

const ROUNDS = 3

/** Runs every report over the same 90-day window on databases of each size (sizes take turns, a round at a time,
 * so a slow spell of the shared machine lands on every size). */
export const reportsBench = async (
  cacheDir: string,
  sizes: ReadonlyArray<number>,
  quick: boolean
): Promise<ReadonlyArray<ReportsRow>> => {
  const stores: Array<{ size: number; seconds: number; runtime: ReturnType<typeof libraryRuntime> }> = []
  for (const size of sizes) {
    process.stderr.write(`  ${size.toLocaleString("en-US")} opportunities: generating or reusing…\n`)
    const { file, seconds } = await generateReportsWorld(cacheDir, size)
    stores.push({ size, seconds, runtime: libraryRuntime(file) })
  }
  const as = Effect.provideService(Actor, Actor.member(memberId(0) as TeamMemberId))
  const chunk = { iterations: quick ? 5 : 15, warmup: 0, maxMs: quick ? 500 : 1_500 }
  const samples = stores.map(() => reports.map(() => [] as Array<Samples>))
  for (const [k, report] of reports.entries()) {
    // Two warm-up runs: the pages the report reads are in the OS page cache, as on a server that reports daily.
    for (const { runtime } of stores) for (let i = 0; i < 2; i++) await runtime.runPromise(as(report.run))
    for (let round = 0; round < ROUNDS; round++) {
      for (const [s, { runtime }] of stores.entries()) {
        samples[s]![k]!.push(await measure(report.name, () => runtime.runPromise(as(report.run)), chunk))
      }
    }
  }
  await Promise.all(stores.map(({ runtime }) => runtime.dispose()))
  return stores.map(({ size, seconds }, s) => ({
    size,
    generatedSeconds: seconds,
    samples: samples[s]!.map(mergeSamples)
  }))
}

/** The Markdown table of the reports run: p50 in ms per size, and the largest size's p50 over the smallest's. */
export const reportsTable = (rows: ReadonlyArray<ReportsRow>): string => {
  const first = rows[0]!
  const last = rows[rows.length - 1]!
  const ms = (s: Samples) => quantileUs(s, 0.5) / 1000
  const lines = [
    "| report | " +
      rows.map((r) => `${r.size.toLocaleString("en-US")}: p50 ms`).join(" | ") +
      ` | ${last.size.toLocaleString("en-US")} ÷ ${first.size.toLocaleString("en-US")} |`,
    "| --- | " + rows.map(() => "---:").join(" | ") + " | ---: |",
    ...first.samples.map(
      (s, k) =>
        `| ${s.name} | ${rows.map((r) => fmt(ms(r.samples[k]!))).join(" | ")} | ${(ms(last.samples[k]!) / ms(s)).toFixed(2)}× |`
    )
  ]
  const generated = rows
    .filter((r) => r.generatedSeconds > 0)
    .map((r) => `${r.size.toLocaleString("en-US")} in ${r.generatedSeconds.toFixed(1)} s`)
  return [
    ...lines,
    "",
    `Each size has that many opportunities (with their stage history), interactions and tasks, ${PER_DAY} of each ` +
      `a day up to ${new Date(HISTORY_END).toISOString().slice(0, 10)}; every report reads the 90 days before that ` +
      `(${window.from} to ${window.to}), as the manager. ` +
      (generated.length > 0 ? `Generated this run: ${generated.join(", ")}.` : "All sizes came from the cache.")
  ].join("\n")
}
