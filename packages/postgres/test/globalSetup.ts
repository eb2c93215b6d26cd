import { execFileSync } from "node:child_process"
import Pg from "pg"

/** The database the tests use unless told otherwise: the local PostgreSQL, database `test`. */
const LOCAL = "postgres://postgres@127.0.0.1:5432/test"

const reachable = async (url: string) => {
  const client = new Pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 })
  try {
    await client.connect()
    await client.query("SELECT 1")
    return true
  } catch {
    return false
  } finally {
    await client.end().catch(() => undefined)
  }
}

/** Starts the local clusters of a Debian-style installation that are down (`pg_ctlcluster`); false if there is none. */
const startInstalled = (): boolean => {
  try {
    const clusters = execFileSync("pg_lsclusters", ["--no-header"], { encoding: "utf8" })
    for (const line of clusters.split("\n").filter((l) => l.includes("down"))) {
      const [version, name] = line.trim().split(/\s+/)
      execFileSync("pg_ctlcluster", [version!, name!, "start"], { stdio: "ignore" })
    }
    return true
  } catch {
    return false
  }
}

/**
 * Checks the PostgreSQL the tests need and hands its URL to the test workers (`CRM_TEST_DATABASE_URL`): the one that
 * variable names, else the local server (127.0.0.1:5432, trust authentication, database `test`), started first when
 * it is installed but stopped. Fails with what to do otherwise.
 */
export default async function setup() {
  const url = process.env["CRM_TEST_DATABASE_URL"] ?? LOCAL
  if (await reachable(url)) {
    process.env["CRM_TEST_DATABASE_URL"] = url
    return
  }
  if (process.env["CRM_TEST_DATABASE_URL"] === undefined && startInstalled()) {
    for (let i = 0; i < 20 && !(await reachable(url)); i++) await new Promise((r) => setTimeout(r, 500))
    if (await reachable(url)) {
      process.env["CRM_TEST_DATABASE_URL"] = url
      return
    }
  }
  throw new Error(
    `the PostgreSQL tests need a server: none answers at ${url}. Start PostgreSQL with a database "test" that ` +
      `user "postgres" may use from 127.0.0.1 (see docs/postgres.md), or set CRM_TEST_DATABASE_URL.`
  )
}
