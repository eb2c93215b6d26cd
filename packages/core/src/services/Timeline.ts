import { Effect, Schema } from "effect"
import type { EntityType } from "../domain/EntityType.js"
import { timeKey } from "../domain/Entity.js"
import type { ClientId, ProjectId } from "../domain/Ids.js"
import { type Interaction, type InteractionFilter, interactionList } from "../domain/Interaction.js"
import { DEFAULT_LIMIT, type Position } from "../domain/Paging.js"
import { opaqueCursor } from "./cursors.js"
import { type HistoryPage, type TimelineEntry, type TimelinePage, TimelineQuery } from "../events/Timeline.js"
import { validate } from "../domain/Validation.js"
import type { DomainEvent, EventFilter } from "../events/DomainEvent.js"
import { ClientRepository } from "../domain/Client.js"
import { EventLog } from "../ports/EventLog.js"
import { InteractionRepository } from "../domain/Interaction.js"
import { ProjectRepository } from "../domain/Project.js"
import { load } from "./loading.js"
import { Access } from "./Access.js"

// A timeline merges two sources, so its cursor holds where each of them stopped.
const TimelineCursor = Schema.parseJson(
  Schema.Struct({
    interactions: Schema.NullOr(Schema.Tuple(Schema.Union(Schema.Number, Schema.String, Schema.Null), Schema.String)),
    interactionsDone: Schema.Boolean,
    eventsBefore: Schema.NullOr(Schema.Int),
    eventsDone: Schema.Boolean
  })
)
type TimelineCursor = typeof TimelineCursor.Type
const HistoryCursor = Schema.parseJson(Schema.Struct({ before: Schema.Int }))

const timelineCursor = opaqueCursor(TimelineCursor, "timeline")
const historyCursor = opaqueCursor(HistoryCursor, "history")

/** Timelines: the interactions and recorded changes of a client or project, newest first, and the
 * change history of any single entity. Read from the event log, the single record of what happened. */
export class Timeline extends Effect.Service<Timeline>()("@agency-crm/core/Timeline", {
  dependencies: [Access.Default],
  effect: Effect.gen(function* () {
    const access = yield* Access
    const log = yield* EventLog
    const interactions = yield* InteractionRepository
    const clients = yield* ClientRepository
    const projects = yield* ProjectRepository
    const validateQuery = validate(TimelineQuery)

    const merged = (interactionFilter: InteractionFilter, eventFilter: EventFilter, query: TimelineQuery) =>
      Effect.gen(function* () {
        const q = yield* validateQuery(query)
        const limit = q.limit ?? DEFAULT_LIMIT
        const start: TimelineCursor =
          q.cursor === undefined
            ? { interactions: null, interactionsDone: false, eventsBefore: null, eventsDone: false }
            : yield* timelineCursor.decode(q.cursor)
        const after: Position | null =
          start.interactions === null ? null : { key: start.interactions[0], id: start.interactions[1] }
        // Events of entities the actor may not read stay out of the read itself, so pages stay full and exact.
        const unreadable = yield* access.unreadable
        const [found, events] = yield* Effect.all([
          start.interactionsDone
            ? Effect.succeed<ReadonlyArray<Interaction>>([])
            : interactions.list({
                filter: interactionFilter,
                sortBy: "occurredAt",
                order: "desc",
                limit: limit + 1,
                after
              }),
          start.eventsDone
            ? Effect.succeed<ReadonlyArray<DomainEvent>>([])
            : log.readBefore(start.eventsBefore, limit + 1, {
                ...eventFilter,
                excludeEntityTypes: ["interaction", ...unreadable]
              })
        ])
        const items: Array<TimelineEntry> = []
        let i = 0
        let e = 0
        while (items.length < limit && (i < found.length || e < events.length)) {
          const interaction = found[i]
          const event = events[e]
          const takeEvent =
            event !== undefined &&
            (interaction === undefined || timeKey(event.occurredAt) >= timeKey(interaction.occurredAt))
          if (takeEvent) {
            items.push({ kind: "change", at: event.occurredAt, event })
            e++
          } else if (interaction !== undefined) {
            items.push({ kind: "interaction", at: interaction.occurredAt, interaction })
            i++
          }
        }
        const more = i < found.length || e < events.length
        if (!more) return { items, nextCursor: null } satisfies TimelinePage
        const lastInteraction = i > 0 ? found[i - 1]! : null
        const next: TimelineCursor = {
          interactions:
            lastInteraction === null
              ? start.interactions
              : [interactionList.sortKey(lastInteraction, "occurredAt"), lastInteraction.id],
          interactionsDone: found.length <= limit && i === found.length,
          eventsBefore: e > 0 ? events[e - 1]!.sequence : start.eventsBefore,
          eventsDone: events.length <= limit && e === events.length
        }
        return { items, nextCursor: timelineCursor.encode(next) } satisfies TimelinePage
      })

    const project = Effect.fn("Timeline.project")(function* (projectId: ProjectId, query: TimelineQuery = {}) {
      yield* load("project", projects.findById, projectId)
      return yield* merged({ projectId }, { projectId }, query)
    })

    const client = Effect.fn("Timeline.client")(function* (clientId: ClientId, query: TimelineQuery = {}) {
      yield* load("client", clients.findById, clientId)
      return yield* merged({ clientId }, { clientId }, query)
    })

    /** Change history of one entity, newest first; it stays readable after the entity is deleted. */
    const history = Effect.fn("Timeline.history")(function* (
      entityType: EntityType,
      entityId: string,
      query: TimelineQuery = {}
    ) {
      // An entity's history tells what the entity holds: it needs the entity's own read permission.
      yield* access.requireRead(entityType)
      const q = yield* validateQuery(query)
      const limit = q.limit ?? DEFAULT_LIMIT
      const before = q.cursor === undefined ? null : (yield* historyCursor.decode(q.cursor)).before
      const events = yield* log.readBefore(before, limit + 1, { entityType, entityId })
      if (events.length <= limit) return { items: events, nextCursor: null } satisfies HistoryPage
      const items = events.slice(0, limit)
      return {
        items,
        nextCursor: historyCursor.encode({ before: items[items.length - 1]!.sequence })
      } satisfies HistoryPage
    })

    return access.guard("Timeline", { project, client, history })
  })
}) {}
