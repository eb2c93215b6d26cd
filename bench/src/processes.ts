import autocannon from "autocannon"
import { type ChildProcess, execFileSync, spawn } from "node:child_process"
import { readFileSync } from "node:fs"
import { join } from "node:path"

// Server processes under load, for the HTTP benchmark and the server profile.

/** The admin API key the example server is started with. */
export const KEY = "acrm_bench-admin-key-0123456789abcdefghij"
/** The directory of the built benchmark entries. */
export const dist = import.meta.dirname
/** The built example server. */
export const exampleServer = join(dist, "..", "..", "examples", "server", "dist", "main.js")

/** A started server process and where it listens. */
export interface Running {
  readonly name: string
  readonly child: ChildProcess
  readonly url: string
}

/** Starts a server process and waits for the line that tells its port or URL. */
export const start = (name: string, args: ReadonlyArray<string>, env: Record<string, string>, ready: RegExp) =>
  new Promise<Running>((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      env: { PATH: process.env.PATH ?? "", ...env },
      stdio: ["ignore", "pipe", "pipe"]
    })
    let out = ""
    let err = ""
    child.stderr!.on("data", (c: Buffer) => (err += c.toString()))
    child.stdout!.on("data", (c: Buffer) => {
      out += c.toString()
      const match = ready.exec(out)
      if (match !== null) {
        const port = match[1]!
        resolve({ name, child, url: port.startsWith("http") ? port : `http://127.0.0.1:${port}` })
      }
    })
    child.once("exit", (code) => reject(new Error(`${name} exited with ${code}:\n${out}\n${err}`)))
  })

/** Starts the example server (the built one, or the bundle `server` names) on `database` with the benchmark's
 * admin key; `nodeArgs` go before the script, `env` adds settings. */
export const startExample = (
  database: string,
  nodeArgs: ReadonlyArray<string> = [],
  server: string = exampleServer,
  env: Record<string, string> = {}
) =>
  start(
    "example server (Agency CRM)",
    [...nodeArgs, server],
    { PORT: "0", CRM_DB_FILE: database, CRM_BOOTSTRAP_ADMIN_KEY: KEY, LOG_LEVEL: "warn", ...env },
    /running at (http:\/\/\S+)/
  )

/** Stops a server with SIGTERM and waits for it to exit. */
export const stop = (running: Running) =>
  new Promise<void>((resolve) => {
    if (running.child.exitCode !== null || running.child.signalCode !== null) return resolve()
    running.child.once("exit", () => resolve())
    running.child.kill("SIGTERM")
  })

/** Peak resident memory of a process, in MiB (Linux `VmHWM`). */
export const peakRssMiB = (pid: number): number => {
  const status = readFileSync(`/proc/${pid}/status`, "utf8")
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? "0")
  return kb / 1024
}

/** Resident memory of a process now, in MiB (Linux `VmRSS`). */
export const rssMiB = (pid: number): number => {
  const status = readFileSync(`/proc/${pid}/status`, "utf8")
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? "0")
  return kb / 1024
}

/** Processor time a process has used so far (user + system), in microseconds (Linux `/proc/<pid>/stat`). */
export const cpuMicros = (pid: number): number => {
  // The fields after the parenthesised command name; utime and stime are the 12th and 13th of them.
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ")
  return ((Number(fields[11]) + Number(fields[12])) * 1e6) / clockTicksPerSecond
}

const clockTicksPerSecond = (() => {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100
  } catch {
    return 100
  }
})()

/** Loads `path` with autocannon: 10 connections for `seconds`, with the admin key. */
export const load = async (url: string, path: string, seconds: number): Promise<autocannon.Result> =>
  autocannon({
    url: `${url}${path}`,
    connections: 10,
    duration: seconds,
    headers: { authorization: `Bearer ${KEY}` }
  })
