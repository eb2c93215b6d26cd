import { spawn } from "node:child_process"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"

const MAIN = join(import.meta.dirname, "..", "dist", "main.js")

// The help is styled for a terminal; the tests read its text.
const plain = (text: string) => text.replace(/\u001b\[[0-9;]*m/g, "")

/** Runs `agency-crm` as a user would; resolves with its exit status and output. */
export const cli = (args: ReadonlyArray<string>, env: Record<string, string> = {}) =>
  new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [MAIN, ...args], {
      env: { PATH: process.env["PATH"] ?? "", NO_COLOR: "1", ...env },
      stdio: ["ignore", "pipe", "pipe"]
    })
    let stdout = ""
    let stderr = ""
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()))
    child.on("exit", (code) => resolve({ code, stdout: plain(stdout), stderr: plain(stderr) }))
  })

/** Runs `run` with a temp directory, removed after. */
export const withDir = async (run: (dir: string) => Promise<void>) => {
  const dir = mkdtempSync(join(tmpdir(), "agency-crm-cli-"))
  try {
    await run(dir)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
