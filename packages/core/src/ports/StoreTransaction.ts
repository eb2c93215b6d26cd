import { Context, type Effect } from "effect"
import type { StorageError } from "../domain/Errors.js"

/** Runs storage operations atomically: all of them commit, or none does when the effect fails. */
export interface StoreTransactionService {
  /** Runs `effect` in one transaction; a failure, defect or interruption rolls everything back. */
  readonly withTransaction: <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.Effect<A, E | StorageError, R>
}

/** Runs storage operations atomically. */
export class StoreTransaction extends Context.Tag("@agency-crm/core/StoreTransaction")<
  StoreTransaction,
  StoreTransactionService
>() {}
