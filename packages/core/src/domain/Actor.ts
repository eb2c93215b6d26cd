import { Context } from "effect"
import type { TeamMemberId } from "./Ids.js"
import type { TeamMember } from "./TeamMember.js"

/** Who performs an operation: a team member, or the system itself (imports, bootstrap, jobs). `member`, when
 * present, is the member as the caller just read it (e.g. while authenticating a request): reads use it as
 * is; writes read the member again inside their transaction. */
export type ActorIdentity =
  | { readonly _tag: "Member"; readonly memberId: TeamMemberId; readonly member?: TeamMember | undefined }
  | { readonly _tag: "System" }

/** The acting identity of the current operation; every service operation reads it from context. */
export class Actor extends Context.Tag("@agency-crm/core/Actor")<Actor, ActorIdentity>() {
  /** The identity of a team member. */
  static member(memberId: TeamMemberId): ActorIdentity {
    return { _tag: "Member", memberId }
  }
  /** The identity of a team member the caller has just loaded, saving reads from loading them again. */
  static authenticated(member: TeamMember): ActorIdentity {
    return { _tag: "Member", memberId: member.id, member }
  }
  /** The identity of the system (used to create the first team member). */
  static readonly system: ActorIdentity = { _tag: "System" }
}
