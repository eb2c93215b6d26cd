import { execFileSync } from "node:child_process"
import { join } from "node:path"

/** Builds the command once, before the tests run it as a user would. */
export default function setup() {
  const root = join(import.meta.dirname, "..")
  execFileSync(join(root, "node_modules", ".bin", "tsup"), ["--silent"], { cwd: root, stdio: "inherit" })
}
