import { assert, describe, it } from "@effect/vitest"
import { execFileSync } from "node:child_process"
import { join } from "node:path"

describe("the embedding example", () => {
  it("runs a campaign in-process on SQLite and prints the project summary", () => {
    const output = execFileSync(process.execPath, [join(import.meta.dirname, "..", "dist", "main.js")], {
      encoding: "utf8"
    })
    const lines = output.trim().split("\n")
    assert.strictEqual(lines[0], "Local SEO for Café Aurora, managed by Marta Ruiz")
    assert.strictEqual(lines[1], "status active, health at_risk, 0% done")
    assert.strictEqual(lines[2], "tasks: todo 1, in_progress 1; overdue 1")
    assert.strictEqual(lines[3], "allocated 40 h; latest review: Audit is late")
    assert.match(lines[4]!, /^timeline entries: \d+; database: /)
  })
})
