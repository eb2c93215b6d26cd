import {
  AllocationKind,
  ApiKeySortField,
  Role,
  AllocationSortField,
  CampaignType,
  ClientId,
  ClientKind,
  ClientSortField,
  ContactId,
  ContactSortField,
  Email,
  InteractionKind,
  InteractionSortField,
  LocalDate,
  ProjectId,
  ProjectSortField,
  ProjectStatus,
  ReviewSortField,
  TaskPriority,
  TaskSortField,
  TaskStatus,
  TeamMemberId,
  TeamMemberSortField
} from "@agency-crm/core"
import { Schema } from "effect"
import { BoolParam, ListParam, pagingParams } from "./params.js"

// Query parameters of each list, decoded from strings into the core list query of the same shape.

/** `GET /team-members` parameters. */
export const TeamMemberParams = Schema.Struct({
  active: Schema.optional(BoolParam),
  email: Schema.optional(Email),
  role: Schema.optional(Role),
  ...pagingParams(TeamMemberSortField)
})

/** `GET /api-keys` parameters. */
export const ApiKeyParams = Schema.Struct({
  memberId: Schema.optional(TeamMemberId),
  revoked: Schema.optional(BoolParam),
  ...pagingParams(ApiKeySortField)
})

/** `GET /clients` parameters. */
export const ClientParams = Schema.Struct({
  kind: Schema.optional(ClientKind),
  archived: Schema.optional(BoolParam),
  ownerId: Schema.optional(TeamMemberId),
  ...pagingParams(ClientSortField)
})

/** `GET /contacts` parameters. */
export const ContactParams = Schema.Struct({
  clientId: Schema.optional(ClientId),
  isPrimary: Schema.optional(BoolParam),
  ...pagingParams(ContactSortField)
})

/** `GET /projects` parameters. */
export const ProjectParams = Schema.Struct({
  clientId: Schema.optional(ClientId),
  managerId: Schema.optional(TeamMemberId),
  status: Schema.optional(ListParam(ProjectStatus)),
  campaignType: Schema.optional(CampaignType),
  ...pagingParams(ProjectSortField)
})

/** `GET /tasks` parameters. */
export const TaskParams = Schema.Struct({
  projectId: Schema.optional(ProjectId),
  clientId: Schema.optional(ClientId),
  assigneeId: Schema.optional(TeamMemberId),
  unassigned: Schema.optional(BoolParam),
  status: Schema.optional(ListParam(TaskStatus)),
  priority: Schema.optional(ListParam(TaskPriority)),
  dueFrom: Schema.optional(LocalDate),
  dueBefore: Schema.optional(LocalDate),
  ...pagingParams(TaskSortField)
})

/** `GET /allocations` parameters. */
export const AllocationParams = Schema.Struct({
  projectId: Schema.optional(ProjectId),
  kind: Schema.optional(AllocationKind),
  memberId: Schema.optional(TeamMemberId),
  ...pagingParams(AllocationSortField)
})

/** `GET /interactions` parameters. */
export const InteractionParams = Schema.Struct({
  clientId: Schema.optional(ClientId),
  contactId: Schema.optional(ContactId),
  projectId: Schema.optional(ProjectId),
  kind: Schema.optional(ListParam(InteractionKind)),
  occurredFrom: Schema.optional(Schema.DateTimeUtc),
  occurredBefore: Schema.optional(Schema.DateTimeUtc),
  ...pagingParams(InteractionSortField)
})

/** `GET /reviews` parameters. */
export const ReviewParams = Schema.Struct({
  projectId: Schema.optional(ProjectId),
  ...pagingParams(ReviewSortField)
})
