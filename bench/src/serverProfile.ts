import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs"
import { SourceMap } from "node:module"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fmt } from "./measure.js"
import { cpuMicros, exampleServer, load, startExample, stop } from "./processes.js"
import { cacheDirectory, scaleDatabase } from "./scale.js"

// Where the example server's time goes under one request: `node dist/server-profile.js [get|overdue] [seconds]`.
// Runs the server with `--cpu-prof` on a copy of the 10k database, loads the request with autocannon (10
// connections), stops the server and reads its profile: self time by source file and by function, mapped
// through the bundle's source map. The profile covers the whole process, start-up included (a few percent
// on a 5 s run), and the profiler adds its own cost to the CPU per request.

/** The part of a V8 `.cpuprofile` read here. */
interface CpuProfile {
  readonly nodes: ReadonlyArray<{
    readonly id: number
    readonly children?: ReadonlyArray<number>
    readonly callFrame: {
      readonly functionName: string
      readonly url: string
      readonly lineNumber: number
      readonly columnNumber: number
    }
  }>
  readonly samples: ReadonlyArray<number>
  readonly timeDeltas: ReadonlyArray<number>
}

const requests = { get: "GET task", overdue: "list overdue (limit 50)" } as const

const [which = "get", secondsArgument = "5"] = process.argv.slice(2)
if (which !== "get" && which !== "overdue") {
  console.error("usage: node dist/server-profile.js [get|overdue] [seconds]")
  process.exit(2)
}
const seconds = Number(secondsArgument)
if (!Number.isFinite(seconds) || seconds < 1) {
  console.error(`seconds must be a number ≥ 1, not ${secondsArgument}`)
  process.exit(2)
}

const dir = mkdtempSync(join(tmpdir(), "agency-crm-server-profile-"))
try {
  const database = await scaleDatabase(cacheDirectory, 10_000)
  const file = join(dir, "example.db")
  copyFileSync(database.file, file)
  const profiles = join(dir, "profiles")
  const path = which === "get" ? `/tasks/${database.taskId}` : "/tracking/overdue?limit=50"
  const server = await startExample(file, ["--cpu-prof", "--cpu-prof-dir", profiles])
  let result: Awaited<ReturnType<typeof load>>
  let cpu: number
  try {
    await load(server.url, path, 1) // warm-up
    const before = cpuMicros(server.child.pid!)
    result = await load(server.url, path, seconds)
    cpu = cpuMicros(server.child.pid!) - before
  } finally {
    await stop(server)
  }
  const name = readdirSync(profiles).find((entry) => entry.endsWith(".cpuprofile"))
  if (name === undefined) throw new Error(`the server wrote no profile to ${profiles}`)
  const profile = JSON.parse(readFileSync(join(profiles, name), "utf8")) as CpuProfile
  const map = new SourceMap(JSON.parse(readFileSync(`${exampleServer}.map`, "utf8")))

  // Sampled time per node, then per original source and per function.
  const timeOf = new Map<number, number>()
  let total = 0
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0
    timeOf.set(id, (timeOf.get(id) ?? 0) + delta)
    total += delta
  })
  const bySource = new Map<string, number>()
  const byFunction = new Map<string, number>()
  const inclusive = new Map<string, number>()
  const add = (into: Map<string, number>, key: string, time: number) => into.set(key, (into.get(key) ?? 0) + time)
  const keyOf = new Map<number, string>()
  const parentOf = new Map<number, number>()
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id)
  for (const node of profile.nodes) {
    const frame = node.callFrame
    let source = frame.url === "" ? frame.functionName : frame.url.replace(/^.*\//, "")
    let line = frame.lineNumber + 1
    if (frame.url.endsWith("examples/server/dist/main.js")) {
      const entry = map.findEntry(frame.lineNumber, frame.columnNumber)
      if ("originalSource" in entry) {
        source = entry.originalSource
          .replace(/^.*node_modules\/\.pnpm\/[^/]+\/node_modules\//, "")
          .replace(/^(\.\.\/)+/, "")
        line = entry.originalLine + 1
      }
    }
    keyOf.set(node.id, `${frame.functionName || "(anonymous)"} | ${frame.url === "" ? source : `${source}:${line}`}`)
    const time = timeOf.get(node.id) ?? 0
    add(bySource, source, time)
    add(byFunction, keyOf.get(node.id)!, time)
  }
  // Inclusive: each sample counts once for every function on its stack (synchronous callers only: Effect's
  // run loop calls each step from the loop, so an effect's steps do not sit under the code that built them).
  for (const [id, time] of timeOf) {
    const seen = new Set<string>()
    for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at)) {
      const key = keyOf.get(at)!
      if (!seen.has(key)) add(inclusive, key, time)
      seen.add(key)
    }
  }
  const top = (of: Map<string, number>, count: number) =>
    [...of]
      .sort((a, b) => b[1] - a[1])
      .slice(0, count)
      .map(([key, time]) => `| ${((100 * time) / total).toFixed(1)}% | ${key} |`)

  console.log(
    [
      `# Example server under \`${requests[which]}\`, ${seconds} s, with --cpu-prof`,
      "",
      `${fmt(result.requests.total / result.duration)} req/s, server CPU ${fmt(cpu / result.requests.total)} µs per request, ${result.errors + result.non2xx} failed.`,
      "",
      "## Self time by source file",
      "",
      "| share | source |",
      "| ---: | --- |",
      ...top(bySource, 30),
      "",
      "## Self time by function",
      "",
      "| share | function | source:line |",
      "| ---: | --- | --- |",
      ...top(byFunction, 40),
      "",
      "## Inclusive time of the library's own functions",
      "",
      "| share | function | source:line |",
      "| ---: | --- | --- |",
      ...top(new Map([...inclusive].filter(([key]) => key.includes("| packages/"))), 25)
    ].join("\n")
  )
} finally {
  rmSync(dir, { recursive: true, force: true })
}
