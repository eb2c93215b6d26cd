import { Schema } from "effect"
import { DomainEvent } from "./DomainEvent.js"
import { Interaction } from "../domain/Interaction.js"
import { Cursor, Limit, Page } from "../domain/Paging.js"

/** One entry of a timeline: an interaction (at the time it occurred) or a recorded change. */
export const TimelineEntry = Schema.Union(
  Schema.Struct({ kind: Schema.Literal("interaction"), at: Schema.DateTimeUtc, interaction: Interaction }),
  Schema.Struct({ kind: Schema.Literal("change"), at: Schema.DateTimeUtc, event: DomainEvent })
)
/** One entry of a timeline. */
export type TimelineEntry = typeof TimelineEntry.Type

/** A page of a timeline, newest first. */
export const TimelinePage = Page(TimelineEntry)
/** A page of a timeline, newest first. */
export type TimelinePage = typeof TimelinePage.Type

/** Paging of a timeline. */
export const TimelineQuery = Schema.Struct({ limit: Schema.optional(Limit), cursor: Schema.optional(Cursor) })
/** Paging of a timeline. */
export type TimelineQuery = typeof TimelineQuery.Type

/** A page of an entity's change history, newest first. */
export const HistoryPage = Page(DomainEvent)
/** A page of an entity's change history. */
export type HistoryPage = typeof HistoryPage.Type
