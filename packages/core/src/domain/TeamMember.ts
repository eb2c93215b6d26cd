import { Schema } from "effect"
import { entityFields, type ListSpec, nameKey, timeKey } from "./Entity.js"
import { TeamMemberId } from "./Ids.js"
import { pagingFields } from "./Paging.js"
import { Role } from "./Role.js"
import { Email, Name, ShortText } from "./Text.js"

export { TeamMemberId } from "./Ids.js"

/** A person of the agency: task assignee, project manager, author of interactions. */
export class TeamMember extends Schema.Class<TeamMember>("TeamMember")({
  ...entityFields(TeamMemberId),
  name: Name,
  email: Email,
  title: Schema.NullOr(ShortText),
  role: Role,
  active: Schema.Boolean
}) {}

/** Input of `Team.create`. */
export const CreateTeamMemberInput = Schema.Struct({
  name: Name,
  email: Email,
  title: Schema.optional(Schema.NullOr(ShortText)),
  /** Defaults to `member`. */
  role: Schema.optional(Role)
})
/** Input of `Team.create`. */
export type CreateTeamMemberInput = typeof CreateTeamMemberInput.Type

/** Input of `Team.update`: only the given fields change; `active: false` deactivates the member. */
export const UpdateTeamMemberInput = Schema.Struct({
  name: Schema.optional(Name),
  email: Schema.optional(Email),
  title: Schema.optional(Schema.NullOr(ShortText)),
  role: Schema.optional(Role),
  active: Schema.optional(Schema.Boolean)
})
/** Input of `Team.update`. */
export type UpdateTeamMemberInput = typeof UpdateTeamMemberInput.Type

/** Filters of a team-member list. */
export const TeamMemberFilter = Schema.Struct({
  active: Schema.optional(Schema.Boolean),
  email: Schema.optional(Email),
  role: Schema.optional(Role)
})
/** Filters of a team-member list. */
export type TeamMemberFilter = typeof TeamMemberFilter.Type

/** Fields a team-member list can be sorted by. */
export const TeamMemberSortField = Schema.Literal("name", "createdAt")
/** Fields a team-member list can be sorted by. */
export type TeamMemberSortField = typeof TeamMemberSortField.Type

/** Query of `Team.list`. */
export const TeamMemberListQuery = Schema.Struct({ ...TeamMemberFilter.fields, ...pagingFields(TeamMemberSortField) })
/** Query of `Team.list`. */
export type TeamMemberListQuery = typeof TeamMemberListQuery.Type

/** How team members are listed. */
export const teamMemberList: ListSpec<TeamMember, TeamMemberSortField> = {
  entity: "team_member",
  sortKey: (m, field) => (field === "name" ? nameKey(m.name) : timeKey(m.createdAt)),
  defaultSortBy: "name",
  defaultOrder: "asc"
}
