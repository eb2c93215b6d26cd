import { execFileSync } from "node:child_process"
import { join } from "node:path"

/** Builds the server bundle and the web app once, before the test files that start the server as a child process. */
export default function setup() {
  const root = join(import.meta.dirname, "..")
  execFileSync(join(root, "node_modules", ".bin", "tsup"), ["--silent"], { cwd: root, stdio: "inherit" })
  // And the web app it serves at /.
  execFileSync(process.execPath, [join(root, "..", "web", "build.mjs")], { stdio: "inherit" })
}
