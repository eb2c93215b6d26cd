import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import {
  Clients,
  Contacts,
  DEFAULT_MARKETS,
  DEFAULT_ORIGINATIONS,
  DEFAULT_POSITIONS,
  Interactions,
  LocalDate,
  marketAggregate,
  MoveTarget,
  Opportunities,
  type Opportunity,
  type OpportunityStage,
  originationAggregate,
  positionAggregate,
  Projects,
  serviceOf,
  Tasks,
  Timeline,
  Tracking
} from "../src/index.js"
import { asMember, failure, hire, setNow, TestLayer } from "./support.js"

const d = (s: string) => LocalDate.make(s)
const eur = (amountMinor: number) => ({ amountMinor, currency: "EUR" })

const setup = Effect.gen(function* () {
  yield* setNow("2026-03-02T09:00:00Z")
  const manager = yield* hire("Marta", "marta@agency.test", "manager")
  const member = yield* hire("Leo", "leo@agency.test", "member")
  const as = asMember(manager)
  const prospect = yield* as(
    Effect.flatMap(Clients, (c) =>
      c.create({
        name: "Café Aurora",
        marketId: DEFAULT_MARKETS[1]!.id as never,
        originationId: DEFAULT_ORIGINATIONS[0]!.id as never
      })
    )
  )
  return { manager, member, as, prospect }
})

/** Expected `Opportunities.move` answers, restated by hand from the issue: the stages a move from each stage may
 * reach (a paused one only back to where it paused, here `presentation`). */
const movable: { readonly [S in OpportunityStage]: ReadonlyArray<string> } = {
  interest: ["presentation", "standby", "rejected", "not_qualified"],
  presentation: ["interest", "proposal", "standby", "rejected", "not_qualified"],
  proposal: ["interest", "presentation", "negotiation", "standby", "rejected", "not_qualified"],
  negotiation: ["interest", "presentation", "proposal", "standby", "rejected", "not_qualified"],
  sales_order: [],
  standby: ["presentation", "rejected", "not_qualified"],
  rejected: ["interest", "presentation", "proposal", "negotiation"],
  not_qualified: ["interest", "presentation", "proposal", "negotiation"]
}

describe("master data: lead sources, markets, positions", () => {
  it.effect("a fresh store lists the defaults; names are unique case-, accent- and space-insensitively", () =>
    Effect.gen(function* () {
      const { as, member } = yield* setup
      const markets = yield* serviceOf(marketAggregate)
      const listed = yield* as(markets.list({ limit: 200 }))
      assert.deepStrictEqual(
        listed.items.map((m) => m.name),
        DEFAULT_MARKETS.map((m) => m.name).sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1))
      )
      const cafes = yield* as(markets.create({ name: "Cafés", description: "Coffee shops" }))
      for (const name of ["cafes", "  CAFÉS ", "Cafe\u0301s"]) {
        const dup = yield* failure(as(markets.create({ name })))
        assert.strictEqual(dup._tag, "AlreadyExists", name)
      }
      const renamedDup = yield* failure(as(markets.update(cafes.id, { name: "retail" })))
      assert.strictEqual(renamedDup._tag, "AlreadyExists")
      // Renaming an entry to a spelling of its own name is fine.
      assert.strictEqual((yield* as(markets.update(cafes.id, { name: "CAFÉS" }))).name, "CAFÉS")
      const invalid = yield* failure(as(markets.create({ name: " " })))
      assert.strictEqual(invalid._tag, "ValidationFailed")
      const forbidden = yield* failure(asMember(member)(markets.create({ name: "Bakeries" })))
      assert.strictEqual(forbidden._tag, "Forbidden")
    }).pipe(Effect.provide(TestLayer))
  )

  it.effect("an entry in use is archived, not deleted; archived entries take no new references", () =>
    Effect.gen(function* () {
      const { as, prospect } = yield* setup
      const originations = yield* serviceOf(originationAggregate)
      const positions = yield* serviceOf(positionAggregate)
      const used = DEFAULT_ORIGINATIONS[0]!.id as never
      const refused = yield* failure(as(originations.remove(used)))
      assert.strictEqual(refused._tag, "HasDependents")
      if (refused._tag === "HasDependents") assert.include(refused.message, "archive it instead")
      const archived = yield* as(originations.archive(used))
      assert.isNotNull(archived.archivedAt)
      assert.deepStrictEqual(
        (yield* as(originations.list({ archived: true }))).items.map((o) => o.id),
        [used]
      )
      const clients = yield* Clients
      const blocked = yield* failure(as(clients.create({ name: "Late lead", originationId: used })))
      assert.strictEqual(blocked._tag, "RuleViolated")
      if (blocked._tag === "RuleViolated") assert.strictEqual(blocked.rule, "origination_archived")
      // The organization that already names it keeps it, and other changes to it still work.
      assert.strictEqual((yield* as(clients.update(prospect.id, { phone: "+34 600" }))).originationId, used)
      yield* as(originations.restore(used))
      assert.strictEqual((yield* as(clients.create({ name: "Late lead", originationId: used }))).originationId, used)
      // An entry nothing refers to is deleted.
      const unused = DEFAULT_POSITIONS[DEFAULT_POSITIONS.length - 1]!.id as never
      yield* as(positions.remove(unused))
      assert.strictEqual((yield* failure(as(positions.get(unused))))._tag, "NotFound")
    }).pipe(Effect.provide(TestLayer))
  )
})

describe("relationship records and next steps", () => {
  it.effect("a call with a prospect's contact alone is its organization's; its next step is a tracked task", () =>
    Effect.gen(function* () {
      const { as, member, prospect } = yield* setup
      const contacts = yield* Contacts
      const ana = yield* as(
        contacts.create({
          clientId: prospect.id,
          name: "Ana Gómez",
          positionId: DEFAULT_POSITIONS[2]!.id as never,
          position: "Head of marketing, Spain"
        })
      )
      assert.strictEqual(ana.positionId, DEFAULT_POSITIONS[2]!.id)
      const { followUpTask, interaction } = yield* as(
        Effect.flatMap(Interactions, (i) =>
          i.log({
            contactId: ana.id,
            kind: "meeting",
            summary: "First meeting",
            nextStep: "Write the proposal",
            followUp: { title: "Write the proposal", assigneeId: member.id, dueDate: d("2026-03-05") }
          })
        )
      )
      assert.strictEqual(interaction.clientId, prospect.id)
      assert.isNotNull(followUpTask)
      assert.strictEqual(followUpTask!.clientId, prospect.id)
      assert.isNull(followUpTask!.projectId)
      assert.strictEqual(followUpTask!.originInteractionId, interaction.id)
      const tracking = yield* Tracking
      const dueSoon = yield* as(tracking.dueSoon({ today: d("2026-03-02"), days: 7 }))
      assert.deepStrictEqual(
        dueSoon.items.map((t) => t.id),
        [followUpTask!.id]
      )
      const overdue = yield* as(tracking.overdue({ today: d("2026-03-09"), assigneeId: member.id }))
      assert.deepStrictEqual(
        overdue.items.map((t) => t.id),
        [followUpTask!.id]
      )
      const workload = yield* as(tracking.workload({ today: d("2026-03-09") }))
      assert.strictEqual(workload.find((w) => w.assigneeId === member.id)?.overdue, 1)
      // The lifecycle works on a task without a project.
      const tasks = yield* Tasks
      assert.strictEqual((yield* as(tasks.transition(followUpTask!.id, "in_progress"))).status, "in_progress")
      // A task names an organization, a project or an opportunity.
      const none = yield* failure(as(tasks.create({ title: "Orphan" })))
      assert.strictEqual(none._tag, "ValidationFailed")
    }).pipe(Effect.provide(TestLayer))
  )
})

describe("opportunities", () => {
  it.effect("created from an interaction in one call, through every stage, paused, resumed and won", () =>
    Effect.gen(function* () {
      const { as, manager, member, prospect } = yield* setup
      const asLeo = asMember(member)
      const ana = yield* as(Effect.flatMap(Contacts, (c) => c.create({ clientId: prospect.id, name: "Ana" })))
      const { interaction } = yield* asLeo(
        Effect.flatMap(Interactions, (i) => i.log({ contactId: ana.id, kind: "call", summary: "First call" }))
      )
      const opportunities = yield* Opportunities
      const created = yield* asLeo(
        opportunities.create({
          name: "Aurora local SEO",
          originInteractionId: interaction.id,
          amount: eur(1_200_000),
          expectedCloseDate: d("2026-05-31")
        })
      )
      // Organization, contact, owner, source, market and probability come from where it was created.
      assert.strictEqual(created.clientId, prospect.id)
      assert.strictEqual(created.contactId, ana.id)
      assert.strictEqual(created.ownerId, member.id)
      assert.strictEqual(created.originationId, prospect.originationId)
      assert.strictEqual(created.marketId, prospect.marketId)
      assert.strictEqual(created.stage, "interest")
      assert.strictEqual(created.probability, 10)

      let current: Opportunity = created
      for (const to of ["presentation", "proposal", "negotiation"] as const) {
        yield* setNow(`2026-03-1${["presentation", "proposal", "negotiation"].indexOf(to)}T09:00:00Z`)
        current = yield* asLeo(opportunities.move(current.id, { to }))
        assert.strictEqual(current.stage, to)
      }
      assert.strictEqual(current.probability, 75)
      for (const note of [undefined, null, "", "   "]) {
        const back = yield* failure(asLeo(opportunities.move(current.id, { to: "proposal", note })))
        assert.strictEqual(back._tag, "ValidationFailed", `note ${JSON.stringify(note)}`)
        if (back._tag === "ValidationFailed")
          assert.deepStrictEqual(
            back.issues.map((i) => i.path),
            ["note"]
          )
      }
      current = yield* asLeo(opportunities.move(current.id, { to: "proposal", note: "Budget cut", probability: 40 }))
      assert.strictEqual(current.probability, 40)
      current = yield* asLeo(opportunities.move(current.id, { to: "standby", note: "Summer freeze" }))
      assert.strictEqual(current.resumeStage, "proposal")
      assert.isNotNull(current.closedAt)
      current = yield* asLeo(opportunities.resume(current.id, { note: "Back from holidays" }))
      assert.strictEqual(current.stage, "proposal")
      assert.isNull(current.closedAt)
      current = yield* asLeo(opportunities.move(current.id, { to: "negotiation" }))

      // Winning as the member records the sale; the project is opened by the manager, who may create projects.
      const { opportunity: won, project } = yield* as(
        opportunities.win(current.id, {
          salesOrder: { date: d("2026-04-01") },
          project: { campaignType: "seo", managerId: manager.id, startDate: d("2026-04-15") }
        })
      )
      assert.strictEqual(won.stage, "sales_order")
      assert.strictEqual(won.salesOrderNumber, "SO-2026-0001")
      assert.deepStrictEqual(won.salesOrderAmount, eur(1_200_000))
      assert.strictEqual(won.salesOrderDate, "2026-04-01")
      assert.strictEqual(won.projectId, project!.id)
      assert.deepStrictEqual(project!.budget, eur(1_200_000))
      assert.strictEqual(project!.name, "Aurora local SEO")
      assert.strictEqual((yield* Effect.flatMap(Clients, (c) => c.get(prospect.id))).kind, "client")

      const history = yield* as(opportunities.history(won.id))
      assert.deepStrictEqual(
        history.items.map((h) => [h.kind, h.fromStage, h.toStage, h.note]),
        [
          ["created", null, "interest", null],
          ["advanced", "interest", "presentation", null],
          ["advanced", "presentation", "proposal", null],
          ["advanced", "proposal", "negotiation", null],
          ["moved_back", "negotiation", "proposal", "Budget cut"],
          ["paused", "proposal", "standby", "Summer freeze"],
          ["resumed", "standby", "proposal", "Back from holidays"],
          ["advanced", "proposal", "negotiation", null],
          ["won", "negotiation", "sales_order", null]
        ]
      )
      assert.deepStrictEqual(
        history.items.map((h) => h.changedById),
        [...Array(8).fill(member.id), manager.id]
      )
      // It shows in its organization's timeline.
      const timeline = yield* as(Effect.flatMap(Timeline, (t) => t.client(prospect.id, { limit: 200 })))
      const types = timeline.items.flatMap((item) => (item.kind === "change" ? [item.event.type] : []))
      assert.include(types, "opportunity.won")
      assert.include(types, "opportunity.created")
      // A second sale the same year gets the next number; a number in use is refused.
      const next = yield* as(
        opportunities.create({ name: "Newsletter", clientId: prospect.id, stage: "negotiation", amount: eur(90_000) })
      )
      const taken = yield* failure(as(opportunities.win(next.id, { salesOrder: { number: "SO-2026-0001" } })))
      assert.strictEqual(taken._tag, "AlreadyExists")
      assert.strictEqual(
        (yield* as(opportunities.win(next.id, { salesOrder: { date: d("2026-06-01") } }))).opportunity.salesOrderNumber,
        "SO-2026-0002"
      )
    }).pipe(Effect.provide(TestLayer))
  )

  it.effect("closing as rejected or not qualified, and reopening explicitly", () =>
    Effect.gen(function* () {
      const { as, prospect } = yield* setup
      const opportunities = yield* Opportunities
      const deal = yield* as(opportunities.create({ name: "Loyalty app", clientId: prospect.id, stage: "proposal" }))
      const rejected = yield* as(opportunities.move(deal.id, { to: "rejected", note: "Chose a competitor" }))
      assert.strictEqual(rejected.probability, 0)
      const reopened = yield* as(opportunities.reopen(deal.id, { note: "They came back" }))
      assert.strictEqual(reopened.stage, "proposal")
      assert.strictEqual(reopened.probability, 50)
      const history = yield* as(opportunities.history(deal.id))
      assert.deepStrictEqual(
        history.items.map((h) => h.kind),
        ["created", "closed", "reopened"]
      )
      const unqualified = yield* as(opportunities.move(deal.id, { to: "not_qualified" }))
      assert.strictEqual(unqualified.stage, "not_qualified")
      // Moving out of a close names the stage: a reopen all the same, recorded as one.
      const moved = yield* as(opportunities.move(deal.id, { to: "interest", note: "New contact" }))
      assert.strictEqual(moved.stage, "interest")
      yield* as(opportunities.move(deal.id, { to: "not_qualified" }))
      assert.deepStrictEqual(
        (yield* as(opportunities.history(deal.id))).items.map((h) => h.kind),
        ["created", "closed", "reopened", "closed", "reopened", "closed"]
      )
      const noWin = yield* failure(as(opportunities.win(deal.id, { salesOrder: { amount: eur(1) } })))
      assert.strictEqual(noWin._tag, "InvalidTransition")
      // Winning needs an amount: the order's or the opportunity's.
      const bare = yield* as(opportunities.create({ name: "Bare", clientId: prospect.id, stage: "negotiation" }))
      const noAmount = yield* failure(as(opportunities.win(bare.id)))
      assert.strictEqual(noAmount._tag, "ValidationFailed")
      // The project's errors name its fields under `project`, and nothing of the sale is written.
      const badProject = yield* failure(
        as(
          opportunities.win(bare.id, {
            salesOrder: { amount: eur(10_000) },
            project: {
              campaignType: "seo",
              managerId: "00000000-0000-7000-8000-0000000000ff" as never,
              startDate: d("2026-05-01"),
              dueDate: d("2026-04-01")
            }
          })
        )
      )
      assert.strictEqual(badProject._tag, "ValidationFailed")
      if (badProject._tag === "ValidationFailed") {
        assert.deepStrictEqual(
          badProject.issues.map((i) => i.path),
          ["project.dueDate"]
        )
      }
      const noManager = yield* failure(
        as(
          opportunities.win(bare.id, {
            salesOrder: { amount: eur(10_000) },
            project: { campaignType: "seo", managerId: "00000000-0000-7000-8000-0000000000ff" as never }
          })
        )
      )
      assert.strictEqual(noManager._tag, "ReferencedEntityMissing")
      if (noManager._tag === "ReferencedEntityMissing") assert.strictEqual(noManager.field, "project.managerId")
      assert.strictEqual((yield* as(opportunities.get(bare.id))).stage, "negotiation")
    }).pipe(Effect.provide(TestLayer))
  )

  it.effect("every transition of the table, allowed and refused with the allowed list", () =>
    Effect.gen(function* () {
      const { as, prospect } = yield* setup
      const opportunities = yield* Opportunities
      const reach = (stage: OpportunityStage) =>
        Effect.gen(function* () {
          if (stage === "sales_order") {
            const o = yield* as(
              opportunities.create({ name: "Won", clientId: prospect.id, stage: "negotiation", amount: eur(100) })
            )
            return (yield* as(opportunities.win(o.id))).opportunity
          }
          const start = stage === "standby" ? "presentation" : stage
          const o = yield* as(
            opportunities.create({
              name: stage,
              clientId: prospect.id,
              stage: start === "rejected" || start === "not_qualified" ? "interest" : start
            })
          )
          return o.stage === stage ? o : yield* as(opportunities.move(o.id, { to: stage as never }))
        })
      const stages = [...MoveTarget.literals, "sales_order"] as ReadonlyArray<OpportunityStage>
      for (const from of stages) {
        for (const to of MoveTarget.literals) {
          const o = yield* reach(from)
          const exit = yield* Effect.either(as(opportunities.move(o.id, { to, note: "why" })))
          const cell = `${from} → ${to}`
          if (movable[from].includes(to)) {
            assert.strictEqual(exit._tag, "Right", `${cell} is allowed: ${String(exit)}`)
            if (exit._tag === "Right") assert.strictEqual(exit.right.stage, to, cell)
          } else {
            assert.strictEqual(exit._tag, "Left", `${cell} is refused`)
            if (exit._tag === "Left") {
              assert.strictEqual(exit.left._tag, "InvalidTransition", cell)
              if (exit.left._tag === "InvalidTransition") {
                // The allowed list is the table's: the sales order too, from negotiation (through `win`).
                const allowed = from === "negotiation" ? [...movable[from], "sales_order"] : movable[from]
                assert.deepStrictEqual([...exit.left.allowed].sort(), [...allowed].sort(), cell)
              }
            }
          }
        }
        // Only negotiation leads to the sales order.
        const o = yield* reach(from)
        const won = yield* Effect.either(as(opportunities.win(o.id, { salesOrder: { amount: eur(5) } })))
        assert.strictEqual(won._tag === "Right", from === "negotiation", `${from} → sales_order`)
        // Only standby resumes; only rejected and not qualified reopen.
        const resumed = yield* Effect.either(as(opportunities.resume((yield* reach(from)).id)))
        assert.strictEqual(resumed._tag === "Right", from === "standby", `resume from ${from}`)
        const reopened = yield* Effect.either(as(opportunities.reopen((yield* reach(from)).id)))
        assert.strictEqual(
          reopened._tag === "Right",
          from === "rejected" || from === "not_qualified",
          `reopen from ${from}`
        )
      }
    }).pipe(Effect.provide(TestLayer))
  )

  it.effect("the pipeline: open opportunities by stage, count, total and weighted amount per currency", () =>
    Effect.gen(function* () {
      const { as, manager, member, prospect } = yield* setup
      const opportunities = yield* Opportunities
      const make = (
        name: string,
        stage: "interest" | "proposal",
        amount: { amountMinor: number; currency: string } | null,
        ownerId = manager.id
      ) =>
        as(
          opportunities.create({
            name,
            clientId: prospect.id,
            stage,
            amount,
            ownerId,
            expectedCloseDate: d("2026-06-30")
          })
        )
      yield* make("A", "interest", eur(1_000))
      yield* make("B", "interest", eur(333), member.id)
      yield* make("C", "interest", null)
      yield* make("D", "proposal", { amountMinor: 10_000, currency: "USD" })
      const lost = yield* make("E", "proposal", eur(99_999))
      yield* as(opportunities.move(lost.id, { to: "rejected" }))
      const pipeline = yield* as(opportunities.pipeline())
      assert.deepStrictEqual(pipeline.stages, [
        // 1000 × 10% + 333 × 10% = 133.3 → 133
        { stage: "interest", count: 3, amounts: [{ currency: "EUR", totalMinor: 1_333, weightedMinor: 133 }] },
        { stage: "presentation", count: 0, amounts: [] },
        { stage: "proposal", count: 1, amounts: [{ currency: "USD", totalMinor: 10_000, weightedMinor: 5_000 }] },
        { stage: "negotiation", count: 0, amounts: [] }
      ])
      const leos = yield* as(opportunities.pipeline({ ownerId: member.id }))
      assert.deepStrictEqual(
        leos.stages.map((s) => s.count),
        [1, 0, 0, 0]
      )
      const later = yield* as(opportunities.pipeline({ closeFrom: d("2026-07-01") }))
      assert.deepStrictEqual(
        later.stages.map((s) => s.count),
        [0, 0, 0, 0]
      )
    }).pipe(Effect.provide(TestLayer))
  )

  it.effect("members work their own opportunities; managers all", () =>
    Effect.gen(function* () {
      const { as, manager, member, prospect } = yield* setup
      const asLeo = asMember(member)
      const opportunities = yield* Opportunities
      const martas = yield* as(opportunities.create({ name: "Franchise", clientId: prospect.id }))
      const moved = yield* failure(asLeo(opportunities.move(martas.id, { to: "presentation" })))
      assert.strictEqual(moved._tag, "Forbidden")
      if (moved._tag === "Forbidden") assert.include(moved.message, "owned by another team member")
      const forOther = yield* failure(
        asLeo(opportunities.create({ name: "For Marta", clientId: prospect.id, ownerId: manager.id }))
      )
      assert.strictEqual(forOther._tag, "Forbidden")
      const own = yield* asLeo(opportunities.create({ name: "Mine", clientId: prospect.id }))
      const handOver = yield* failure(asLeo(opportunities.update(own.id, { ownerId: manager.id })))
      assert.strictEqual(handOver._tag, "Forbidden")
      assert.strictEqual((yield* as(opportunities.update(own.id, { ownerId: manager.id }))).ownerId, manager.id)
      const removed = yield* failure(asLeo(opportunities.remove(martas.id)))
      assert.strictEqual(removed._tag, "Forbidden")
    }).pipe(Effect.provide(TestLayer))
  )

  it.effect("bad input names its fields and writes nothing", () =>
    Effect.gen(function* () {
      const { as, prospect } = yield* setup
      const opportunities = yield* Opportunities
      const bad = yield* failure(
        as(
          opportunities.create({
            name: "",
            clientId: prospect.id,
            probability: 101,
            amount: { amountMinor: -1, currency: "euro" }
          })
        )
      )
      assert.strictEqual(bad._tag, "ValidationFailed")
      if (bad._tag === "ValidationFailed") {
        assert.deepStrictEqual(bad.issues.map((i) => i.path).sort(), [
          "amount.amountMinor",
          "amount.currency",
          "name",
          "probability"
        ])
      }
      const noOrg = yield* failure(as(opportunities.create({ name: "Nowhere" })))
      assert.strictEqual(noOrg._tag, "ValidationFailed")
      if (noOrg._tag === "ValidationFailed")
        assert.deepStrictEqual(
          noOrg.issues.map((i) => i.path),
          ["clientId"]
        )
      const projects = yield* Projects
      assert.strictEqual((yield* as(opportunities.list())).items.length, 0)
      assert.strictEqual((yield* as(projects.list())).items.length, 0)
    }).pipe(Effect.provide(TestLayer))
  )
})
