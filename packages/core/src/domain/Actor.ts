import { Context } from "effect"
import type { ApiKeyId, TeamMemberId } from "./Ids.js"
import type { TeamMember } from "./TeamMember.js"

/** Who performs an operation: a team member, or the system itself (imports, bootstrap, jobs). `member`, when
 * present, is the member as the caller just read it (e.g. while authenticating a request): reads use it as
 * is; writes read the member again inside their transaction. `apiKeyId` names the key a request authenticated
 * with, for limits kept per key. */
export type ActorIdentity =
  | {
      readonly _tag: "Member"
      readonly memberId: TeamMemberId
      readonly member?: TeamMember | undefined
      readonly apiKeyId?: ApiKeyId | undefined
    }
  | { readonly _tag: "System" }

/** The acting identity of the current operation; every service operation reads it from context. */
export class Actor extends Context.Tag("@agency-crm/core/Actor")<Actor, ActorIdentity>() {
  /** The identity of a team member. */
  static member(memberId: TeamMemberId): ActorIdentity {
    return { _tag: "Member", memberId }
  }
  /** The identity of a team member the caller has just loaded (with the API key they authenticated with),
   * saving reads from loading them again. */
  static authenticated(member: TeamMember, apiKeyId?: ApiKeyId): ActorIdentity {
    return { _tag: "Member", memberId: member.id, member, apiKeyId }
  }
  /** The identity of the system (used to create the first team member). */
  static readonly system: ActorIdentity = { _tag: "System" }
}
