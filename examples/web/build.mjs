// Builds the app into dist/: index.html, and under assets/ the script and stylesheet named by their content's hash
// (the server caches those for a year). esbuild bundles and minifies; nothing is fetched from a CDN.
import { build } from "esbuild"
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { basename, join, resolve } from "node:path"
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
  // Code loaded on demand (the charts) is split into chunks the first load does not fetch.
  splitting: true,
  chunkNames: "assets/[name]-[hash]",
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

const outputs = Object.entries(result.metafile.outputs)
const entry = outputs.find(([, output]) => output.entryPoint !== undefined && output.cssBundle !== undefined)
const script = basename(entry[0])
const style = basename(entry[1].cssBundle)
// What the first load fetches: the entry, the chunks it imports statically, and the stylesheet.
const firstLoad = new Set([entry[0], entry[1].cssBundle])
const visit = (path) => {
  for (const imported of result.metafile.outputs[path]?.imports ?? []) {
    if (imported.kind === "import-statement" && !firstLoad.has(imported.path)) {
      firstLoad.add(imported.path)
      visit(imported.path)
    }
  }
}
visit(entry[0])
const html = readFileSync(join(root, "index.html"), "utf8")
  .replace("%SCRIPT%", `/assets/${script}`)
  .replace("%STYLE%", `/assets/${style}`)
writeFileSync(join(out, "index.html"), html)

// Metafile paths are relative to the working directory.
const gzipped = [...firstLoad].reduce((sum, path) => sum + gzipSync(readFileSync(resolve(path))).length, 0)
if (process.argv.includes("--report")) console.log(`first load: ${(gzipped / 1024).toFixed(1)} kB gzipped`)
