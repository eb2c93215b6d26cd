import { Either } from "effect"

/** For every state, the states it may move to; a `Record` so the compiler enforces exhaustiveness. */
export type TransitionTable<S extends string> = { readonly [K in S]: ReadonlyArray<S> }

/** Why a transition was refused: the states that were allowed instead. */
export interface TransitionRefused<S extends string> {
  readonly from: S
  readonly to: S
  readonly allowed: ReadonlyArray<S>
}

/** Checks one move against a transition table; pure, so it is tested exhaustively. */
export const checkTransition = <S extends string>(
  table: TransitionTable<S>,
  from: S,
  to: S
): Either.Either<S, TransitionRefused<S>> => {
  const allowed = table[from]
  return allowed.includes(to) ? Either.right(to) : Either.left({ from, to, allowed })
}
