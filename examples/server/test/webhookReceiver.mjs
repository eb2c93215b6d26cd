// A webhook receiver as its own process: it answers each delivery after `delayMs` and appends what it got (headers
// and body) as one JSON line to `file`. Prints "listening <port>" once ready.
import { appendFileSync } from "node:fs"
import { createServer } from "node:http"

const [file, delayMs = "0"] = process.argv.slice(2)
const server = createServer((req, res) => {
  const chunks = []
  req.on("data", (chunk) => chunks.push(chunk))
  req.on("end", () => {
    const body = Buffer.concat(chunks).toString("utf8")
    setTimeout(() => {
      appendFileSync(file, JSON.stringify({ headers: req.headers, body }) + "\n")
      res.writeHead(204).end()
    }, Number(delayMs))
  })
})
server.listen(0, "127.0.0.1", () => console.log(`listening ${server.address().port}`))
