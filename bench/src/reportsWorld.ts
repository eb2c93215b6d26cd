import { DEFAULT_MARKETS, DEFAULT_ORIGINATIONS, type OpportunityStage, stageProbability } from "@agency-crm/core"
import { LATEST_MIGRATION, SqliteStore } from "@agency-crm/sqlite"
import Database from "better-sqlite3"
import { Effect, Layer } from "effect"
import { existsSync, mkdirSync, rmSync } from "node:fs"
import { join } from "node:path"
import { finishBulkDatabase } from "./bulkDatabase.js"

/** The instant the generated history ends: reports look at the 90 days before it. */
export const HISTORY_END = Date.parse("2026-12-01T00:00:00Z")
const DAY = 86_400_000
/** Opportunities (and interactions, and tasks) a day: the same at every size, so a bigger database is a longer
 * history and a 90-day window holds the same amount of data at every size. */
export const PER_DAY = 25
const MEMBERS = 20

/** Bumped when the generated data changes, so cached databases are rebuilt. */
const GENERATOR_VERSION = 4

const id = (kind: number, n: number) =>
  `00000000-0000-4000-9${kind.toString(16).padStart(3, "0")}-${n.toString(16).padStart(12, "0")}`
/** The id of the generated team member `n` (0 is the manager the benchmark acts as). */
export const memberId = (n: number) => id(1, n)
const date = (ms: number) => new Date(ms).toISOString().slice(0, 10)
const hash = (n: number) => Math.imul(n, 2654435761) >>> 0

// How an opportunity ends (by i % 20: 30% won, 50% rejected, 15% not qualified, 5% standby), and the days after
// its creation each of its stage changes happens; only the changes before the end of history are written.
const paths: ReadonlyArray<{ readonly share: number; readonly steps: ReadonlyArray<[number, OpportunityStage]> }> = [
  {
    share: 6,
    steps: [
      [7, "presentation"],
      [14, "proposal"],
      [21, "negotiation"],
      [35, "sales_order"]
    ]
  },
  {
    share: 10,
    steps: [
      [7, "presentation"],
      [20, "rejected"]
    ]
  },
  { share: 3, steps: [[10, "not_qualified"]] },
  { share: 1, steps: [[15, "standby"]] }
]
const pathOf = (i: number) => {
  let k = i % 20
  for (const path of paths) {
    if (k < path.share) return path.steps
    k -= path.share
  }
  return paths[0]!.steps
}
const kindOf = (to: OpportunityStage) =>
  to === "sales_order"
    ? "won"
    : to === "standby"
      ? "paused"
      : to === "rejected" || to === "not_qualified"
        ? "closed"
        : "advanced"

/** Creates (or reuses from `cacheDir`) a database with `size` opportunities, interactions and tasks, `PER_DAY` of
 * each a day up to `HISTORY_END`, with their stage history, projects (one per 50 opportunities) and allocations;
 * written with bulk inserts into the adapter's own schema. */
export const generateReportsWorld = async (
  cacheDir: string,
  size: number
): Promise<{ file: string; seconds: number }> => {
  mkdirSync(cacheDir, { recursive: true })
  const file = join(cacheDir, `reports-${size}-m${LATEST_MIGRATION}-g${GENERATOR_VERSION}.db`)
  if (existsSync(file)) return { file, seconds: 0 }
  const started = performance.now()
  const building = `${file}.building`
  rmSync(building, { force: true })
  await Effect.runPromise(Effect.scoped(Layer.build(SqliteStore.layer({ filename: building }))))
  const db = new Database(building)
  db.pragma("journal_mode = WAL")
  db.pragma("synchronous = OFF")
  const at = (i: number) => HISTORY_END - Math.round(((size - i) * DAY) / PER_DAY)
  const clients = Math.max(50, Math.ceil(size / 5))
  // An organization's opportunities spread over about 80 days; organizations arrive as the history goes on.
  const clientOf = (i: number) => Math.max(0, Math.min(clients - 1, Math.floor(i / 5) - (hash(i) % 400)))
  const projects = Math.max(20, Math.ceil(size / 50))
  const projectClient = (p: number) => clientOf(p * 50)

  const insert = (table: string, columns: string) =>
    db.prepare(
      `INSERT INTO ${table} (${columns}) VALUES (${columns
        .split(",")
        .map(() => "?")
        .join(",")})`
    )
  const member = insert("team_members", "id,name,nameKey,email,title,role,active,version,createdAt,updatedAt")
  const client = insert("clients", "id,name,nameKey,kind,ownerId,marketId,originationId,version,createdAt,updatedAt")
  const project = insert(
    "projects",
    "id,clientId,name,nameKey,campaignType,objectives,budget,managerId,status,completedAt,activatedAt,cancelledAt,version,createdAt,updatedAt"
  )
  const allocation = insert(
    "allocations",
    "id,projectId,clientId,kind,memberId,role,hours,name,quantity,unitCost,version,createdAt,updatedAt"
  )
  const opportunity = insert(
    "opportunities",
    "id,name,nameKey,clientId,ownerId,stage,resumeStage,probability,amount,expectedCloseDate,originationId,marketId,stageChangedAt,reachedStages,closedAt,salesOrderNumber,salesOrderAmount,salesOrderDate,version,createdAt,updatedAt"
  )
  const change = insert(
    "stage_changes",
    "id,opportunityId,clientId,kind,fromStage,toStage,changedAt,changedById,version,createdAt,updatedAt"
  )
  const interaction = insert(
    "interactions",
    "id,clientId,projectId,kind,direction,occurredAt,summary,outcome,nextStep,satisfaction,loggedById,firstContact,version,createdAt,updatedAt"
  )
  const task = insert(
    "tasks",
    "id,projectId,clientId,title,titleKey,status,priority,priorityRank,assigneeId,dueDate,completedAt,version,createdAt,updatedAt"
  )
  const first = at(0)
  // The organizations that have had a conversation, so each one's first is flagged (the history is in order).
  const contacted = new Set<number>()
  db.transaction(() => {
    for (let m = 0; m < MEMBERS; m++) {
      const name = m === 0 ? "Marta Manager" : `Member ${m}`
      member.run(
        memberId(m),
        name,
        name.toLowerCase(),
        `m${m}@reports.test`,
        null,
        m === 0 ? "manager" : "member",
        1,
        1,
        first,
        first
      )
    }
    for (let c = 0; c < clients; c++) {
      client.run(
        id(2, c),
        `Client ${c}`,
        `client ${c}`,
        "client",
        memberId(0),
        DEFAULT_MARKETS[c % DEFAULT_MARKETS.length]!.id,
        DEFAULT_ORIGINATIONS[c % DEFAULT_ORIGINATIONS.length]!.id,
        1,
        first,
        first
      )
    }
    for (let p = 0; p < projects; p++) {
      const created = at(p * 50)
      const activated = created + DAY
      const cancelled = p % 10 === 9 && created + 20 * DAY < HISTORY_END ? created + 20 * DAY : null
      const completed =
        cancelled === null && created + (60 + (p % 30)) * DAY < HISTORY_END ? created + (60 + (p % 30)) * DAY : null
      const status =
        cancelled !== null
          ? "cancelled"
          : completed !== null
            ? "completed"
            : activated < HISTORY_END
              ? "active"
              : "planned"
      project.run(
        id(3, p),
        id(2, projectClient(p)),
        `Project ${p}`,
        `project ${p}`,
        p % 2 === 0 ? "seo" : "social_media",
        "[]",
        JSON.stringify({ amountMinor: ((p % 10) + 1) * 100_000, currency: "EUR" }),
        memberId(p % MEMBERS),
        status,
        completed,
        status === "planned" ? null : activated,
        cancelled,
        1,
        created,
        Math.max(created, completed ?? cancelled ?? activated)
      )
      const cost = JSON.stringify({ amountMinor: 40_000, currency: "EUR" })
      allocation.run(
        id(6, 2 * p),
        id(3, p),
        id(2, projectClient(p)),
        "material",
        null,
        null,
        null,
        "Ads",
        2,
        cost,
        1,
        created,
        created
      )
      allocation.run(
        id(6, 2 * p + 1),
        id(3, p),
        id(2, projectClient(p)),
        "human",
        memberId(p % MEMBERS),
        "Lead",
        20,
        null,
        null,
        null,
        1,
        created,
        created
      )
    }
  })()
  const KINDS = ["call", "email", "meeting", "message", "video_call", "feedback", "note"] as const
  const TASK_OPEN = ["todo", "in_progress", "in_review", "blocked"] as const
  const batch = 20_000
  for (let start = 0; start < size; start += batch) {
    db.transaction(() => {
      for (let i = start; i < Math.min(size, start + batch); i++) {
        const created = at(i)
        const c = clientOf(i)
        const owner = memberId(i % MEMBERS)
        // The opportunity and its stage history.
        let stage: OpportunityStage = "interest"
        let changedAt = created
        let n = 0
        const reached: Array<OpportunityStage> = ["interest"]
        change.run(id(8, i * 5), id(7, i), id(2, c), "created", null, "interest", created, owner, 1, created, created)
        for (const [days, to] of pathOf(i)) {
          const when = created + days * DAY
          if (when >= HISTORY_END) break
          n++
          change.run(id(8, i * 5 + n), id(7, i), id(2, c), kindOf(to), stage, to, when, owner, 1, when, when)
          stage = to
          changedAt = when
          reached.push(to)
        }
        const amount = { amountMinor: ((i % 50) + 1) * 10_000, currency: i % 10 === 0 ? "USD" : "EUR" }
        const open = stage === "interest" || stage === "presentation" || stage === "proposal" || stage === "negotiation"
        const won = stage === "sales_order"
        opportunity.run(
          id(7, i),
          `Deal ${i}`,
          `deal ${i}`,
          id(2, c),
          owner,
          stage,
          stage === "standby" ? "interest" : null,
          stageProbability[stage],
          JSON.stringify(amount),
          date(created + 21 * DAY),
          DEFAULT_ORIGINATIONS[c % DEFAULT_ORIGINATIONS.length]!.id,
          DEFAULT_MARKETS[c % DEFAULT_MARKETS.length]!.id,
          changedAt,
          JSON.stringify(reached),
          open ? null : changedAt,
          won ? `SO-${i}` : null,
          won ? JSON.stringify(amount) : null,
          won ? date(changedAt) : null,
          1 + n,
          created,
          changedAt
        )
        // An interaction: feedback is about a project of its organization, notes are internal.
        const kind = KINDS[i % KINDS.length]!
        const p = Math.min(projects - 1, Math.floor(i / 50))
        const about = kind === "feedback" ? p : null
        const organization = about === null ? c : projectClient(p)
        const firstContact = kind !== "feedback" && kind !== "note" && !contacted.has(organization)
        if (firstContact) contacted.add(organization)
        interaction.run(
          id(5, i),
          id(2, organization),
          about === null ? null : id(3, p),
          kind,
          kind === "note" ? "internal" : kind === "feedback" || i % 2 === 0 ? "inbound" : "outbound",
          created,
          `${kind} ${i}`,
          i % 4 === 0 ? "Agreed next steps" : null,
          i % 6 === 0 ? "Send the proposal" : null,
          kind === "feedback" ? 1 + (i % 5) : null,
          memberId(i % MEMBERS),
          firstContact ? 1 : 0,
          1,
          created,
          created
        )
        // A task of a project: work older than 30 days is finished (one in ten cancelled).
        const old = created < HISTORY_END - 30 * DAY
        const status = old ? (i % 10 === 0 ? "cancelled" : "done") : i % 3 === 0 ? "done" : TASK_OPEN[i % 4]!
        const completed = status === "done" ? Math.min(HISTORY_END - 1, created + (i % 20) * DAY) : null
        task.run(
          id(4, i),
          id(3, p),
          id(2, projectClient(p)),
          `Task ${i}`,
          `task ${i}`,
          status,
          "medium",
          1,
          memberId(i % MEMBERS),
          date(created + 14 * DAY),
          completed,
          1,
          created,
          completed ?? created
        )
      }
    })()
  }
  await finishBulkDatabase(db, building, file)
  return { file, seconds: (performance.now() - started) / 1000 }
}
