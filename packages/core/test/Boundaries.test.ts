import { assert, describe, it } from "@effect/vitest"
import { readdirSync, readFileSync } from "node:fs"
import { join, relative } from "node:path"
import ts from "typescript"

const root = join(import.meta.dirname, "..")
const src = join(root, "src")

const sourceFiles = (dir: string): ReadonlyArray<string> =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith(".ts") ? [join(dir, entry.name)] : []
  )

describe("package boundaries", () => {
  it("effect is the only runtime dependency of @agency-crm/core", () => {
    const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { dependencies: Record<string, string> }
    assert.deepStrictEqual(Object.keys(pkg.dependencies), ["effect"])
  })

  it("core imports only effect (and the testing entry also @effect/vitest)", () => {
    const offenders: Array<string> = []
    for (const file of sourceFiles(src)) {
      const name = relative(src, file)
      const allowed = name.startsWith("testing/")
        ? /^(effect(\/.*)?|@effect\/vitest|\.{1,2}\/.*)$/
        : /^(effect(\/.*)?|\.{1,2}\/.*)$/
      for (const match of readFileSync(file, "utf8").matchAll(/(?:from|import)\s+"([^"]+)"/g)) {
        if (!allowed.test(match[1]!)) offenders.push(`${name}: ${match[1]}`)
      }
    }
    assert.deepStrictEqual(offenders, [])
  })

  it("rooms import only the rooms below them: domain and aggregate never import services, events, memory or testing", () => {
    // What each room may import at run time (type-only imports are free: they leave no module edge).
    const below: Record<string, ReadonlyArray<string>> = {
      codec: ["codec"],
      domain: ["domain", "aggregate", "codec", "ports"],
      aggregate: ["aggregate", "domain", "codec", "ports"],
      ports: ["ports", "domain", "aggregate"],
      events: ["events", "domain", "aggregate", "codec", "ports"],
      services: ["services", "events", "domain", "aggregate", "codec", "ports"],
      memory: ["memory", "domain", "aggregate", "codec", "events", "ports"],
      plugins: ["plugins", "services", "events", "domain", "aggregate", "codec", "ports"]
    }
    const offenders: Array<string> = []
    for (const file of sourceFiles(src)) {
      const name = relative(src, file)
      const room = name.split("/")[0]!
      const allowed = below[room]
      if (allowed === undefined) continue
      for (const match of readFileSync(file, "utf8").matchAll(/^import\s+(?!type\b)[^"]*"(\.{1,2}\/[^"]+)"/gm)) {
        const target = relative(src, join(file, "..", match[1]!)).split("/")[0]!
        if (!allowed.includes(target)) offenders.push(`${name} imports ${match[1]}`)
      }
    }
    assert.deepStrictEqual(offenders, [])
  })

  it("every exported declaration in every package has a doc comment", () => {
    const missing: Array<string> = []
    const packages = join(root, "..")
    const everySource = readdirSync(packages).flatMap((name) => sourceFiles(join(packages, name, "src")))
    assert.isAbove(everySource.length, 60)
    for (const file of everySource) {
      const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true)
      for (const statement of source.statements) {
        const exported = ts.canHaveModifiers(statement)
          ? (ts.getModifiers(statement) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword)
          : false
        if (!exported) continue
        const documented = ts.getJSDocCommentsAndTags(statement).length > 0
        if (!documented) {
          const line = source.getLineAndCharacterOfPosition(statement.getStart()).line + 1
          missing.push(`${relative(packages, file)}:${line}`)
        }
      }
    }
    assert.deepStrictEqual(missing, [])
  })
})
