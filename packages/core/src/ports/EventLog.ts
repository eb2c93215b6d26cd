import { Context, type Effect } from "effect"
import type { StorageError } from "../domain/Errors.js"
import type { DomainEvent, EventFilter, NewEvent } from "../events/DomainEvent.js"

/** The append-only event log: the audit timeline and the feed of live consumers. */
export interface EventLogService {
  /** Appends events in order, giving each the next sequence number; part of the caller's transaction. */
  readonly append: (events: ReadonlyArray<NewEvent>) => Effect.Effect<ReadonlyArray<DomainEvent>, StorageError>
  /** Up to `limit` matching events with a sequence greater than `after`, oldest first (feeds). */
  readonly readAfter: (
    after: number,
    limit: number,
    filter: EventFilter
  ) => Effect.Effect<ReadonlyArray<DomainEvent>, StorageError>
  /** Up to `limit` matching events with a sequence less than `before` (all when `null`), newest first (timelines). */
  readonly readBefore: (
    before: number | null,
    limit: number,
    filter: EventFilter
  ) => Effect.Effect<ReadonlyArray<DomainEvent>, StorageError>
  /** The sequence of the last committed event, 0 when the log is empty. */
  readonly latestSequence: Effect.Effect<number, StorageError>
}

/** The append-only event log. */
export class EventLog extends Context.Tag("@agency-crm/core/EventLog")<EventLog, EventLogService>() {}
