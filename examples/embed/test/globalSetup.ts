import { execFileSync } from "node:child_process"
import { join } from "node:path"

/** Builds the server bundle once, before the test files that start it as a child process. */
export default function setup() {
  const root = join(import.meta.dirname, "..")
  execFileSync(join(root, "node_modules", ".bin", "tsup"), ["--silent"], { cwd: root, stdio: "inherit" })
}
