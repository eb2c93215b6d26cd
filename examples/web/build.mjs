// Builds the app into dist/: index.html, and under assets/ the script and stylesheet named by their content's hash
// (the server caches those for a year). esbuild bundles and minifies; nothing is fetched from a CDN.
import { build } from "esbuild"
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { basename, join } from "node:path"
import { gzipSync } from "node:zlib"

const root = import.meta.dirname
const out = join(root, "dist")
rmSync(out, { recursive: true, force: true })
mkdirSync(join(out, "assets"), { recursive: true })

const result = await build({
  entryPoints: { app: join(root, "src", "main.tsx") },
  bundle: true,
  minify: true,
  format: "esm",
  platform: "browser",
  target: "es2022",
  jsx: "automatic",
  jsxImportSource: "preact",
  entryNames: "assets/[name]-[hash]",
  outdir: out,
  metafile: true,
  legalComments: "none",
  logLevel: "warning"
})

const outputs = Object.keys(result.metafile.outputs).map((path) => basename(path))
const script = outputs.find((name) => name.endsWith(".js"))
const style = outputs.find((name) => name.endsWith(".css"))
const html = readFileSync(join(root, "index.html"), "utf8")
  .replace("%SCRIPT%", `/assets/${script}`)
  .replace("%STYLE%", `/assets/${style}`)
writeFileSync(join(out, "index.html"), html)

const gzipped = outputs.reduce((sum, name) => sum + gzipSync(readFileSync(join(out, "assets", name))).length, 0)
if (process.argv.includes("--report")) console.log(`first load: ${(gzipped / 1024).toFixed(1)} kB gzipped`)
