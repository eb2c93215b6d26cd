import { Context } from "effect"
import type { TeamMemberId } from "./Ids.js"

/** Who performs an operation: a team member, or the system itself (imports, bootstrap, jobs). */
export type ActorIdentity = { readonly _tag: "Member"; readonly memberId: TeamMemberId } | { readonly _tag: "System" }

/** The acting identity of the current operation; every service operation reads it from context. */
export class Actor extends Context.Tag("@agency-crm/core/Actor")<Actor, ActorIdentity>() {
  /** The identity of a team member. */
  static member(memberId: TeamMemberId): ActorIdentity {
    return { _tag: "Member", memberId }
  }
  /** The identity of the system (used to create the first team member). */
  static readonly system: ActorIdentity = { _tag: "System" }
}
