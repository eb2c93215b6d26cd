import {
  AlreadyExists,
  CreateTeamMemberInput,
  Cursor,
  HasDependents,
  MAX_LIMIT,
  NotFound,
  Page,
  Task,
  TeamMember,
  TeamMemberId,
  UpdateTeamMemberInput
} from "@agency-crm/core"
import { HttpApiEndpoint, OpenApi } from "@effect/platform"
import { Schema } from "effect"
import { Authentication } from "./Authentication.js"
import { crudGroup, IdPath } from "./crud.js"
import { IntParam } from "./params.js"
import { TeamMemberParams } from "./queries.js"

/** Team members, and the open work of each. */
export const TeamApi = crudGroup("team", {
  path: "/team-members",
  noun: "team member",
  plural: "team members",
  entity: TeamMember,
  created: TeamMember,
  id: TeamMemberId,
  params: TeamMemberParams,
  create: CreateTeamMemberInput,
  update: UpdateTeamMemberInput
})
  .add(
    HttpApiEndpoint.get("work", "/team-members/:id/work")
      .setPath(IdPath(TeamMemberId))
      .setUrlParams(Schema.Struct({ limit: Schema.optional(IntParam(1, MAX_LIMIT)), cursor: Schema.optional(Cursor) }))
      .addSuccess(Page(Task))
      .addError(NotFound, { status: 404 })
      .annotate(OpenApi.Summary, "Open work of a team member")
      .annotate(OpenApi.Description, "Open tasks assigned to the member, by due date (undated first).")
  )
  .add(
    HttpApiEndpoint.get("me", "/me")
      .addSuccess(TeamMember)
      .annotate(OpenApi.Summary, "The team member of the API key")
      .annotate(OpenApi.Description, "Who the request acts as, with their role.")
  )
  .addError(AlreadyExists, { status: 409 })
  .addError(HasDependents, { status: 409 })
  .middleware(Authentication)
  .annotate(OpenApi.Title, "Team")
  .annotate(OpenApi.Description, "The agency's team members, their roles, and the work assigned to them.")
