import { type ChildProcess, spawn } from "node:child_process"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"

/** The bundle `globalSetup` builds. */
export const MAIN = join(import.meta.dirname, "..", "dist", "main.js")

/** A running example server, as a user starts it. */
export interface ServerProcess {
  readonly child: ChildProcess
  readonly url: string
  /** Everything it printed so far. */
  readonly stdout: () => string
  readonly stderr: () => string
  /** Sends a signal and resolves with the exit code. */
  readonly stop: (signal?: NodeJS.Signals) => Promise<number | null>
}

// What the tests started and have not cleaned up yet; `cleanUp` (run after every test) ends it all.
const running = new Set<ChildProcess>()
const temps = new Set<string>()

/** A temp directory, removed by the returned function (or after the test, at the latest). */
export const tempDir = (): { readonly dir: string; readonly remove: () => void } => {
  const dir = mkdtempSync(join(tmpdir(), "agency-crm-server-"))
  temps.add(dir)
  return {
    dir,
    remove: () => {
      temps.delete(dir)
      rmSync(dir, { recursive: true, force: true })
    }
  }
}

const exitOf = (child: ChildProcess): Promise<number | null> =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve(child.exitCode)
    : new Promise((done) => child.once("exit", (code) => done(code)))

/** Stops every server a test started and left running (SIGTERM, then SIGKILL after 5 s) and removes the temp
 * directories it left: whatever way the test ended, it leaves no process and no file behind. */
export const cleanUp = async (): Promise<void> => {
  await Promise.all(
    [...running].map(async (child) => {
      const exited = exitOf(child)
      child.kill("SIGTERM")
      const timer = setTimeout(() => child.kill("SIGKILL"), 5_000)
      await exited
      clearTimeout(timer)
    })
  )
  for (const dir of temps) rmSync(dir, { recursive: true, force: true })
  temps.clear()
}

// A worker that exits without running the hooks still takes its servers with it.
process.once("exit", () => {
  for (const child of running) child.kill("SIGKILL")
})

/** Starts `node dist/main.js` on an ephemeral port and resolves once it prints its URL. */
export const startServer = (env: Record<string, string>, args: ReadonlyArray<string> = []): Promise<ServerProcess> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN, ...args], {
      env: { PATH: process.env.PATH ?? "", PORT: "0", LOG_FORMAT: "json", ...env },
      stdio: ["ignore", "pipe", "pipe"]
    })
    running.add(child)
    let out = ""
    let err = ""
    const exited = exitOf(child)
    void exited.then(() => running.delete(child))
    const timer = setTimeout(() => {
      child.kill("SIGKILL")
      reject(new Error(`server did not start within 30 s:\n${out}\n${err}`))
    }, 30_000)
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString()
      const match = /running at (http:\/\/\S+)/.exec(out)
      if (match !== null) {
        clearTimeout(timer)
        resolve({
          child,
          url: match[1]!,
          stdout: () => out,
          stderr: () => err,
          stop: (signal = "SIGTERM") => {
            child.kill(signal)
            return exited
          }
        })
      }
    })
    child.stderr!.on("data", (chunk: Buffer) => {
      err += chunk.toString()
    })
    void exited.then((code) => {
      clearTimeout(timer)
      reject(new Error(`server exited with ${code} before starting:\n${out}\n${err}`))
    })
  })

/** The admin key a first start printed. */
export const printedKey = (stdout: string): string | null => /^\s+(acrm_[A-Za-z0-9_-]{43})$/m.exec(stdout)?.[1] ?? null
