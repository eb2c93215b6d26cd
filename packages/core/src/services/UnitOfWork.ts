import { Clock, DateTime, Effect, FiberRef, Option } from "effect"
import { Actor } from "../domain/Actor.js"
import { type RuleViolated, type StorageError, UnknownActor } from "../domain/Errors.js"
import { fromDateTime, type LocalDate } from "../domain/LocalDate.js"
import type { EventDraft } from "../events/DomainEvent.js"
import { EventWakeups } from "../events/EventWakeups.js"
import { EventLog } from "../ports/EventLog.js"
import { StoreTransaction } from "../ports/StoreTransaction.js"
import { type Subject, WriteChecks } from "./WriteChecks.js"
import { TeamMemberRepository } from "../domain/TeamMember.js"
import type { TeamMember } from "../domain/TeamMember.js"

/** Who an operation runs as, once the actor is resolved: the system, or an active team member with a role. */
export type Principal = { readonly _tag: "System" } | { readonly _tag: "Member"; readonly member: TeamMember }

interface WriteState {
  lastSequence: number
  principal: Principal | null
}

// Set while a write runs in this fiber, so nested writes join the outer transaction and only the
// outermost commit wakes subscribers.
const currentWrite = FiberRef.unsafeMake<WriteState | null>(null)

/** The current instant, from Effect's `Clock` (so tests control it with `TestClock`). */
export const now: Effect.Effect<DateTime.Utc> = Effect.map(Clock.currentTimeMillis, (ms) => DateTime.unsafeMake(ms))

/** Today's date in UTC, from Effect's `Clock`. */
export const today: Effect.Effect<LocalDate> = Effect.map(now, fromDateTime)

const systemPrincipal: Principal = { _tag: "System" }

/** Runs each write as one transaction that checks the actor, appends its events and wakes live readers. */
export class UnitOfWork extends Effect.Service<UnitOfWork>()("@agency-crm/core/UnitOfWork", {
  dependencies: [EventWakeups.Default, WriteChecks.Default],
  effect: Effect.gen(function* () {
    const tx = yield* StoreTransaction
    const log = yield* EventLog
    const members = yield* TeamMemberRepository
    const wakeups = yield* EventWakeups
    const checks = yield* WriteChecks

    const resolve: Effect.Effect<Principal, UnknownActor | StorageError, Actor> = Effect.gen(function* () {
      const actor = yield* Actor
      if (actor._tag === "System") return systemPrincipal
      const member = yield* members.findById(actor.memberId)
      if (Option.isNone(member) || !member.value.active) return yield* UnknownActor.of(actor.memberId)
      return { _tag: "Member", member: member.value }
    })

    /** The current actor as an active team member (or the system); inside a write, read once per transaction;
     * outside, taken from the actor's member snapshot when it carries one. */
    const principal: Effect.Effect<Principal, UnknownActor | StorageError, Actor> = Effect.flatMap(
      FiberRef.get(currentWrite),
      (state) => {
        if (state?.principal != null) return Effect.succeed(state.principal)
        if (state !== null) return resolve
        return Effect.flatMap(Actor, (actor) => {
          if (actor._tag === "Member" && actor.member !== undefined && actor.member.id === actor.memberId) {
            return actor.member.active
              ? Effect.succeed<Principal>({ _tag: "Member", member: actor.member })
              : Effect.fail(UnknownActor.of(actor.memberId))
          }
          return resolve
        })
      }
    )

    /** The acting team member's id, `null` for the system. */
    const actorId = Effect.map(Actor, (actor) => (actor._tag === "Member" ? actor.memberId : null))

    /** Appends events for the current write, stamped with the actor and the current time, after the plugins'
     * checks on each change (`subjects[i]` is the entity before and after `drafts[i]`) have passed. */
    const record = (
      drafts: ReadonlyArray<EventDraft>,
      subjects?: ReadonlyArray<Subject>
    ): Effect.Effect<void, StorageError | RuleViolated, Actor> =>
      Effect.gen(function* () {
        if (drafts.length === 0) return
        if (subjects !== undefined) {
          for (let i = 0; i < drafts.length; i++) yield* checks.run(drafts[i]!, subjects[i]!)
        }
        const actor = yield* actorId
        const occurredAt = yield* now
        const appended = yield* log.append(drafts.map((draft) => ({ ...draft, actorId: actor, occurredAt })))
        const state = yield* FiberRef.get(currentWrite)
        const last = appended[appended.length - 1]
        if (state !== null && last !== undefined) state.lastSequence = last.sequence
      })

    /** Runs `effect` as one atomic write; nested writes join the outer one. */
    const write = <A, E, R>(
      effect: Effect.Effect<A, E, R>
    ): Effect.Effect<A, E | StorageError | UnknownActor, R | Actor> =>
      Effect.flatMap(FiberRef.get(currentWrite), (outer) => {
        if (outer !== null) {
          if (outer.principal !== null) return effect
          // The first write inside `atomically` checks the actor, inside the transaction like any write.
          return Effect.flatMap(resolve, (resolved) => {
            outer.principal = resolved
            return effect
          })
        }
        const state: WriteState = { lastSequence: 0, principal: null }
        // The actor is checked inside the transaction, so a member deactivated meanwhile cannot write.
        const checked = Effect.flatMap(resolve, (resolved) => {
          state.principal = resolved
          return effect
        })
        return tx.withTransaction(checked).pipe(
          Effect.locally(currentWrite, state),
          Effect.tap(() => (state.lastSequence > 0 ? wakeups.publish(state.lastSequence) : Effect.void))
        )
      })

    /** Runs `effect` in one store transaction that the writes inside it join, and wakes live readers once it has
     * committed; it needs no actor itself (the writes inside check theirs). For work around writes that must
     * commit or roll back with them, such as recording a request's outcome. */
    const atomically = <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E | StorageError, R> =>
      Effect.flatMap(FiberRef.get(currentWrite), (outer) => {
        if (outer !== null) return effect
        const state: WriteState = { lastSequence: 0, principal: null }
        return tx.withTransaction(effect).pipe(
          Effect.locally(currentWrite, state),
          Effect.tap(() => (state.lastSequence > 0 ? wakeups.publish(state.lastSequence) : Effect.void))
        )
      })

    return { write, atomically, record, actorId, principal } as const
  })
}) {}
