import {
  CreateTeamMemberInput,
  Cursor,
  MAX_LIMIT,
  Page,
  Task,
  TeamMember,
  teamMemberAggregate,
  TeamMemberId,
  UpdateTeamMemberInput
} from "@agency-crm/core"
import { HttpApiEndpoint, OpenApi } from "@effect/platform"
import { Schema } from "effect"
import { Authentication } from "./Authentication.js"
import { crudGroup, IdPath, Statuses } from "./crud.js"
import { IntParam } from "./params.js"

/** Team members, and the open work of each. */
export const TeamApi = crudGroup("team", teamMemberAggregate, {
  entity: TeamMember,
  created: TeamMember,
  create: CreateTeamMemberInput,
  update: UpdateTeamMemberInput,
  errors: {
    create: [Statuses.AlreadyExists],
    update: [Statuses.AlreadyExists, Statuses.RuleViolated],
    remove: [Statuses.RuleViolated]
  }
})
  .add(
    HttpApiEndpoint.get("work", "/team-members/:id/work")
      .setPath(IdPath(TeamMemberId))
      .setUrlParams(Schema.Struct({ limit: Schema.optional(IntParam(1, MAX_LIMIT)), cursor: Schema.optional(Cursor) }))
      .addSuccess(Page(Task))
      .addError(Statuses.NotFound)
      .annotate(OpenApi.Summary, "Open work of a team member")
      .annotate(OpenApi.Description, "Open tasks assigned to the member, by due date (undated first).")
  )
  .add(
    HttpApiEndpoint.get("me", "/me")
      .addSuccess(TeamMember)
      .addError(Statuses.NotFound)
      .annotate(OpenApi.Summary, "The team member of the API key")
      .annotate(OpenApi.Description, "Who the request acts as, with their role.")
  )
  .middleware(Authentication)
  .annotate(OpenApi.Title, "Team")
  .annotate(OpenApi.Description, "The agency's team members, their roles, and the work assigned to them.")
