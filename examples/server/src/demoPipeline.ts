import {
  Clients,
  Contacts,
  DEFAULT_MARKETS,
  DEFAULT_ORIGINATIONS,
  DEFAULT_POSITIONS,
  Interactions,
  LocalDates,
  type MarketId,
  type OpenStage,
  Opportunities,
  type OriginationId,
  type PositionId,
  Tasks,
  type TeamMemberId
} from "@agency-crm/core"
import { Clock, DateTime, Effect } from "effect"
import { DAY, stoppedAt } from "./demoClock.js"

/** How a demo opportunity ends up: still open at a stage, won, or closed at a stage. */
type Outcome =
  | { readonly kind: "open"; readonly at: OpenStage }
  | { readonly kind: "won" }
  | { readonly kind: "standby" | "rejected" | "not_qualified"; readonly at: OpenStage }

const OUTCOMES: ReadonlyArray<Outcome> = [
  { kind: "won" },
  { kind: "rejected", at: "proposal" },
  { kind: "open", at: "interest" },
  { kind: "not_qualified", at: "interest" },
  { kind: "open", at: "presentation" },
  { kind: "won" },
  { kind: "standby", at: "presentation" },
  { kind: "open", at: "proposal" },
  { kind: "rejected", at: "negotiation" },
  { kind: "open", at: "negotiation" },
  { kind: "won" },
  { kind: "open", at: "interest" }
]

const NAMES = [
  "Local SEO",
  "Paid search for lunch deals",
  "Instagram content",
  "Website relaunch",
  "Newsletter programme",
  "Brand refresh",
  "Influencer campaign",
  "Product video",
  "Google Ads retainer",
  "Press launch",
  "Loyalty e-mails",
  "Landing pages"
]

const PROSPECTS: ReadonlyArray<{ readonly name: string; readonly contact: string; readonly market: number }> = [
  { name: "Panadería Sol", contact: "Sol Ortega", market: 7 },
  { name: "Hotel Miramar", contact: "Irene Vidal", market: 1 },
  { name: "Clínica Dental Sonrisa", contact: "Dr. Marcos Gil", market: 2 },
  { name: "Byteforge Software", contact: "Priya Nair", market: 3 },
  { name: "Verde Seguros", contact: "Hugo Lima", market: 4 },
  { name: "Academia Lingua", contact: "Chloé Martin", market: 5 },
  { name: "Casa Norte Inmobiliaria", contact: "Raúl Sanz", market: 6 },
  { name: "Fundación Mar Azul", contact: "Elena Pardo", market: 8 },
  { name: "Ayuntamiento de Villaclara", contact: "Tomás Ferrer", market: 9 },
  { name: "Moda Lúa", contact: "Lucía Rey", market: 0 }
]

/** How many organizations the pipeline adds. */
export const PROSPECTS_SEEDED = PROSPECTS.length

/** The team the pipeline is spread over. */
export interface PipelineTeam {
  readonly owners: ReadonlyArray<TeamMemberId>
  readonly manager: TeamMemberId
}

/** Seeds a believable pipeline: prospects from every lead source and market, each with a contact and a first call,
 * and three dozen opportunities created over the last seven months, moved through their stages one step at a
 * time (some back, some paused, some lost, some won with their sales order), so every report has history to
 * read. Run as a manager; answers the number of opportunities. */
export const seedPipeline = (team: PipelineTeam) =>
  Effect.gen(function* () {
    const clients = yield* Clients
    const contacts = yield* Contacts
    const interactions = yield* Interactions
    const opportunities = yield* Opportunities
    const tasks = yield* Tasks
    const nowMs = yield* Clock.currentTimeMillis
    const at = (ms: number) => Effect.withClock(stoppedAt(Math.floor(Math.min(ms, nowMs - DAY))))
    const today = LocalDates.fromDateTime(DateTime.unsafeMake(nowMs))

    let count = 0
    for (const [p, prospect] of PROSPECTS.entries()) {
      const start = nowMs - (210 - p * 12) * DAY
      const origination = DEFAULT_ORIGINATIONS[p % DEFAULT_ORIGINATIONS.length]!.id as OriginationId
      const organization = yield* at(start)(
        clients.create({
          name: prospect.name,
          kind: "prospect",
          marketId: DEFAULT_MARKETS[prospect.market]!.id as MarketId,
          originationId: origination,
          ownerId: team.owners[p % team.owners.length]!
        })
      )
      const contact = yield* at(start)(
        contacts.create({
          clientId: organization.id,
          name: prospect.contact,
          positionId: DEFAULT_POSITIONS[p % 4]!.id as PositionId,
          isPrimary: true
        })
      )
      const { interaction } = yield* at(start)(
        interactions.log({
          contactId: contact.id,
          kind: p % 2 === 0 ? "call" : "meeting",
          direction: p % 3 === 0 ? "inbound" : "outbound",
          summary: `First contact with ${prospect.contact}`,
          nextStep: "Size what they need"
        })
      )
      // Three or four opportunities each, a month or so apart.
      for (let k = 0; k < (p % 3 === 0 ? 4 : 3); k++) {
        const i = count
        const outcome = OUTCOMES[i % OUTCOMES.length]!
        const ownerId = team.owners[(p + k) % team.owners.length]!
        let t = start + (k * 35 + 2) * DAY
        const amount = { amountMinor: (2_500 + ((i * 3_700) % 38_000)) * 100, currency: i % 9 === 4 ? "USD" : "EUR" }
        const created = yield* at(t)(
          opportunities.create({
            name: NAMES[i % NAMES.length]!,
            clientId: organization.id,
            contactId: contact.id,
            ownerId,
            amount,
            expectedCloseDate: LocalDates.addDays(today, ((i * 13) % 120) - 30),
            ...(k === 0 ? { originInteractionId: interaction.id } : {})
          })
        )
        count += 1
        const step = () => (t += (4 + ((i * 7 + Math.floor(t / DAY)) % 12)) * DAY)
        const advanceTo = (stage: OpenStage) =>
          Effect.gen(function* () {
            const path: ReadonlyArray<OpenStage> = ["presentation", "proposal", "negotiation"]
            for (const to of path.slice(0, Math.max(0, path.indexOf(stage as never) + 1))) {
              yield* at(step())(opportunities.move(created.id, { to }))
              // Now and then a proposal goes back for a second presentation.
              if (to === "proposal" && i % 5 === 2) {
                yield* at(step())(opportunities.move(created.id, { to: "presentation", note: "New decision maker" }))
                yield* at(step())(opportunities.move(created.id, { to: "proposal" }))
              }
            }
          })
        switch (outcome.kind) {
          case "open":
            yield* advanceTo(outcome.at)
            if (outcome.at !== "interest") {
              yield* tasks.create({
                opportunityId: created.id,
                title: `Follow up: ${created.name}`,
                assigneeId: ownerId,
                dueDate: LocalDates.addDays(today, (i % 10) - 3)
              })
            }
            break
          case "won":
            yield* advanceTo("negotiation")
            yield* at(step())(opportunities.win(created.id, { note: "Signed" }))
            break
          default:
            yield* advanceTo(outcome.at)
            yield* at(step())(
              opportunities.move(created.id, {
                to: outcome.kind,
                note: {
                  standby: "Budget frozen until next quarter",
                  rejected: "Went with a cheaper agency",
                  not_qualified: "No budget for a campaign"
                }[outcome.kind]
              })
            )
        }
      }
    }
    return count
  })
