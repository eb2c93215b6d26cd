import Database from "better-sqlite3"
import { createServer } from "node:http"

// The machine's limit: node:http and better-sqlite3 prepared statements, no framework, no domain code, no
// authentication. Usage: node bare-server.js <database file>; prints "listening <port>".
const db = new Database(process.argv[2]!, { readonly: true })
const task = db.prepare("SELECT * FROM tasks WHERE id = ?")
const overdue = db.prepare(
  "SELECT * FROM tasks WHERE (status IN ('todo', 'in_progress', 'in_review', 'blocked')) AND (dueDate < ?) ORDER BY dueDate ASC, id ASC LIMIT ?"
)
const json = (res: import("node:http").ServerResponse, status: number, body: unknown) => {
  const text = JSON.stringify(body)
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) })
  res.end(text)
}
const server = createServer((req, res) => {
  const url = req.url ?? "/"
  if (url.startsWith("/tasks/")) {
    const row = task.get(url.slice("/tasks/".length))
    return row === undefined ? json(res, 404, { _tag: "NotFound" }) : json(res, 200, row)
  }
  if (url.startsWith("/tracking/overdue")) {
    const items = overdue.all(new Date().toISOString().slice(0, 10), 50)
    return json(res, 200, { items, nextCursor: null })
  }
  json(res, 404, { _tag: "NotFound" })
})
server.listen(0, "127.0.0.1", () => {
  const address = server.address()
  console.log(`listening ${typeof address === "object" && address !== null ? address.port : 0}`)
})
process.on("SIGTERM", () => server.close(() => process.exit(0)))
