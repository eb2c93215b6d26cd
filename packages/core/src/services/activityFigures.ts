import type { ActivityCounts, InteractionResult } from "../domain/ActivityReport.js"
import { InteractionResult as Results } from "../domain/ActivityReport.js"
import { type Interaction, InteractionKind } from "../domain/Interaction.js"
import { share } from "./reportMath.js"

/** An interaction of the activity report, with what it led to and, for a first contact, whether an opportunity
 * followed it. */
export interface ActivityRow {
  readonly interaction: Interaction
  readonly result: InteractionResult
  readonly withOpportunity: boolean
}

/** What an interaction led to: the first of an opportunity opened from it, a next step (recorded or a follow-up
 * task), an outcome noted; otherwise none. */
export const resultOf = (
  interaction: Interaction,
  openedOpportunity: boolean,
  followUpTask: boolean
): InteractionResult =>
  openedOpportunity
    ? "opportunity"
    : followUpTask || interaction.nextStep !== null
      ? "next_step"
      : interaction.outcome !== null
        ? "outcome"
        : "none"

/** The counts of some interactions: by kind and result (every one, zeros included) and their first contacts. */
export const activityCountsOf = (rows: ReadonlyArray<ActivityRow>): ActivityCounts => {
  const first = rows.filter((row) => row.interaction.firstContact)
  const withOpportunity = first.filter((row) => row.withOpportunity).length
  return {
    interactions: rows.length,
    byKind: InteractionKind.literals.map((kind) => ({
      kind,
      count: rows.filter((row) => row.interaction.kind === kind).length
    })),
    byResult: Results.literals.map((result) => ({
      result,
      count: rows.filter((row) => row.result === result).length
    })),
    firstContacts: first.length,
    firstContactsWithOpportunity: withOpportunity,
    firstContactConversion: share(withOpportunity, first.length)
  }
}
