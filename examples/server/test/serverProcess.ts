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

/** A temp directory, removed by the returned function. */
export const tempDir = (): { readonly dir: string; readonly remove: () => void } => {
  const dir = mkdtempSync(join(tmpdir(), "agency-crm-server-"))
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) }
}

/** Starts `node dist/main.js` on an ephemeral port and resolves once it prints its URL. */
export const startServer = (env: Record<string, string>, args: ReadonlyArray<string> = []): Promise<ServerProcess> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN, ...args], {
      env: { PATH: process.env.PATH ?? "", PORT: "0", LOG_FORMAT: "json", ...env },
      stdio: ["ignore", "pipe", "pipe"]
    })
    let out = ""
    let err = ""
    const exited = new Promise<number | null>((done) => child.once("exit", (code) => done(code)))
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}\n${err}`)), 30_000)
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
