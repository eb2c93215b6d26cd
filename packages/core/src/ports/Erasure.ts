import { Context, type Effect } from "effect"
import type { StorageError } from "../domain/Errors.js"
import type { FieldChange } from "../events/DomainEvent.js"

/** The change list an erasure gives a recorded event in place of its own. */
export interface EventRewrite {
  readonly sequence: number
  readonly changes: ReadonlyArray<FieldChange>
}

/** What an adapter's purge after an erasure achieved. */
export interface PurgeOutcome {
  /** Whether every copy of the erased bytes the adapter knows of is gone from its files (false when, say, a reader
   * kept SQLite from truncating its write-ahead log). */
  readonly complete: boolean
  /** What was done, or what is still to do, for the person who asked. */
  readonly detail: string
}

/** The one exception to the log's append-only rule, and the storage work behind a person's right to be forgotten. */
export interface ErasureService {
  /** Replaces the change lists of recorded events (nothing else about them); part of the caller's transaction. */
  readonly rewriteChanges: (rewrites: ReadonlyArray<EventRewrite>) => Effect.Effect<void, StorageError>
  /** Deletes the stored responses of idempotent requests whose body holds any of `needles`. */
  readonly forgetResponses: (needles: ReadonlyArray<string>) => Effect.Effect<number, StorageError>
  /** After the erasure has committed: makes the erased bytes unrecoverable from the store's files where it can
   * (old row versions, index segments, journals). */
  readonly purge: Effect.Effect<PurgeOutcome, StorageError>
}

/** Erasure of personal data from the store, the log included. */
export class Erasure extends Context.Tag("@agency-crm/core/Erasure")<Erasure, ErasureService>() {}
