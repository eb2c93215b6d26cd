import { Clock, DateTime, Duration, Effect, Option } from "effect"
import { IdempotencyKeyReused, IdempotencyRecord } from "../domain/Idempotency.js"
import { IdempotencyRepository } from "../ports/IdempotencyRepository.js"
import { UnitOfWork } from "./UnitOfWork.js"

/** How long an idempotency record answers retries unless told otherwise: a day. */
export const DEFAULT_IDEMPOTENCY_RETENTION = Duration.hours(24)

/** A request's outcome as it is stored and replayed. */
export interface RequestOutcome {
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
  readonly body: string
}

/** What identifies a request made with an idempotency key. */
export interface IdempotentRequest {
  /** Whose key: the identity of the credential the request carried. */
  readonly scope: string
  readonly key: string
  /** A digest of the request (method, target, body). */
  readonly fingerprint: string
}

/** Records older than this are deleted at most this often, in the write that notices. */
const PURGE_EVERY_MS = 60_000

/**
 * Runs requests at most once per idempotency key, in the manner payment APIs made standard: the first request
 * with a key runs, and its successful outcome is stored in the same transaction as its writes; a retry with the
 * same key and request gets that outcome back without running again; the same key with another request is
 * refused. Requests with one key run one after the other (the store's write transactions are serial), so two
 * at once cannot both run. Records are kept `retention` long.
 */
export class Idempotency extends Effect.Service<Idempotency>()("@agency-crm/core/Idempotency", {
  dependencies: [UnitOfWork.Default],
  effect: Effect.gen(function* () {
    const uow = yield* UnitOfWork
    const records = yield* IdempotencyRepository
    let lastPurge = 0

    /** Runs `run` unless an outcome is stored for the request; stores its outcome when it succeeded (status
     * 2xx). Returns the outcome and whether it was replayed. Failures and other statuses store nothing, so a
     * retry runs again. */
    const once = <E, R>(
      request: IdempotentRequest,
      run: Effect.Effect<RequestOutcome, E, R>,
      retention: Duration.DurationInput = DEFAULT_IDEMPOTENCY_RETENTION
    ) =>
      uow.atomically(
        Effect.gen(function* () {
          const now = yield* Clock.currentTimeMillis
          const oldest = now - Duration.toMillis(retention)
          if (now - lastPurge >= PURGE_EVERY_MS) {
            lastPurge = now
            yield* records.purge(DateTime.unsafeMake(oldest))
          }
          const stored = yield* records.find(request.scope, request.key)
          if (Option.isSome(stored) && DateTime.toEpochMillis(stored.value.createdAt) >= oldest) {
            if (stored.value.fingerprint !== request.fingerprint) return yield* IdempotencyKeyReused.of(request.key)
            const { body, headers, status } = stored.value
            return { outcome: { status, headers, body } satisfies RequestOutcome, replayed: true }
          }
          const outcome = yield* run
          if (outcome.status >= 200 && outcome.status < 300) {
            yield* records.save(
              new IdempotencyRecord({
                ...request,
                ...outcome,
                headers: { ...outcome.headers },
                createdAt: DateTime.unsafeMake(now)
              })
            )
          }
          return { outcome, replayed: false }
        })
      )

    return { once } as const
  })
}) {}
