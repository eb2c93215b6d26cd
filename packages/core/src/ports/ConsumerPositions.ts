import { Context, type Effect, type Option } from "effect"
import type { StorageError } from "../domain/Errors.js"

/** Durable reading positions in the event log, one per named consumer (a plugin's consumer, a webhook
 * subscription): where each resumes after a restart. */
export interface ConsumerPositionsService {
  /** The last sequence `consumer` has handled; none before it first records one. */
  readonly get: (consumer: string) => Effect.Effect<Option.Option<number>, StorageError>
  /** Records that `consumer` has handled every event up to `sequence`. */
  readonly set: (consumer: string, sequence: number) => Effect.Effect<void, StorageError>
}

/** Durable reading positions in the event log. */
export class ConsumerPositions extends Context.Tag("@agency-crm/core/ConsumerPositions")<
  ConsumerPositions,
  ConsumerPositionsService
>() {}
