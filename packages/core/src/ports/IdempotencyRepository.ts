import { Context, type DateTime, type Effect, type Option } from "effect"
import type { StorageError } from "../domain/Errors.js"
import type { IdempotencyRecord } from "../domain/Idempotency.js"

/** Storage of the outcomes of requests made with idempotency keys. */
export interface IdempotencyRepositoryService {
  /** The record of `key` in `scope`, if one is stored. */
  readonly find: (scope: string, key: string) => Effect.Effect<Option.Option<IdempotencyRecord>, StorageError>
  /** Stores a record, replacing one of the same scope and key; part of the caller's transaction. */
  readonly save: (record: IdempotencyRecord) => Effect.Effect<void, StorageError>
  /** Deletes the records created before `before`; returns how many. */
  readonly purge: (before: DateTime.Utc) => Effect.Effect<number, StorageError>
}

/** Storage of idempotency records. */
export class IdempotencyRepository extends Context.Tag("@agency-crm/core/IdempotencyRepository")<
  IdempotencyRepository,
  IdempotencyRepositoryService
>() {}
