import { type Context, Schema } from "effect"
import * as Aggregate from "../aggregate/Aggregate.js"
import * as Filters from "../aggregate/Filters.js"
import * as Sorts from "../aggregate/Sorts.js"
import { entityFields } from "./Entity.js"
import { TeamMemberId } from "./Ids.js"
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

/** Team members: listed by role, e-mail and whether active; deactivated, not deleted, while anything refers to them. */
export const teamMemberAggregate = Aggregate.define({
  name: "team_member",
  plural: "team_members",
  schema: TeamMember,
  id: TeamMemberId,
  filters: { active: Filters.eq(Schema.Boolean), email: Filters.eq(Email), role: Filters.eq(Role) },
  sorts: { name: Sorts.text("name", "nameKey"), createdAt: Sorts.time("createdAt") },
  defaultSort: { by: "name", order: "asc" },
  inputs: { create: CreateTeamMemberInput, update: UpdateTeamMemberInput },
  references: {},
  events: ["created", "updated", "deleted"],
  eventRefs: () => ({}),
  permissions: { read: "crm.read", write: "team.manage", remove: "team.manage" },
  naturalKey: { by: "email", fold: (email) => email.toLowerCase() },
  uniqueFilters: ["email"],
  insteadOfDelete: "deactivate the member instead (active: false)"
})

/** Filters of a team-member list. */
export const TeamMemberFilter = teamMemberAggregate.Filter
/** Filters of a team-member list. */
export type TeamMemberFilter = typeof TeamMemberFilter.Type

/** Fields a team-member list can be sorted by. */
export const TeamMemberSortField = teamMemberAggregate.SortField
/** Fields a team-member list can be sorted by. */
export type TeamMemberSortField = typeof TeamMemberSortField.Type

/** Query of a team-member list. */
export const TeamMemberListQuery = teamMemberAggregate.ListQuery
/** Query of a team-member list. */
export type TeamMemberListQuery = typeof TeamMemberListQuery.Type

/** How team-members are listed. */
export const teamMemberList = teamMemberAggregate.list

/** Storage of team-members. */
export const TeamMemberRepository = teamMemberAggregate.repository
/** Storage of team-members. */
export type TeamMemberRepository = Context.Tag.Identifier<typeof TeamMemberRepository>
