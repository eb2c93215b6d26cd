import { assert, describe, it } from "@effect/vitest"
import { existsSync } from "node:fs"
import { join } from "node:path"
import { cleanUp, startServer, tempDir } from "./serverProcess.js"

const alive = (pid: number) => {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

describe("the test harness", () => {
  it("stops a server and removes a temp directory that a test left behind", async () => {
    const temp = tempDir()
    const server = await startServer({ CRM_DB_FILE: join(temp.dir, "left.db") })
    const pid = server.child.pid!
    assert.isTrue(alive(pid))
    // What the after-each hook runs when a test fails before its own cleanup.
    await cleanUp()
    assert.isFalse(alive(pid))
    assert.isFalse(existsSync(temp.dir))
  })
})
