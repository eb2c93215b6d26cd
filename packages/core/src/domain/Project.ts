import { type Context, Schema } from "effect"
import * as Aggregate from "../aggregate/Aggregate.js"
import * as Filters from "../aggregate/Filters.js"
import * as Sorts from "../aggregate/Sorts.js"
import { entityFields } from "./Entity.js"
import { projectDocument } from "./SearchDocuments.js"
import { ClientId, ContactId, InteractionId, ProjectId, TeamMemberId } from "./Ids.js"
import type { TransitionTable } from "./Lifecycle.js"
import { LocalDate } from "./LocalDate.js"
import { Money } from "./Money.js"
import { LongText, Name, ShortText } from "./Text.js"

export { ProjectId } from "./Ids.js"

/** Where a project is in its lifecycle. */
export const ProjectStatus = Schema.Literal("planned", "active", "on_hold", "completed", "closed", "cancelled")
/** Where a project is in its lifecycle. */
export type ProjectStatus = typeof ProjectStatus.Type

/** The project lifecycle: `planned → active ⇄ on_hold → completed → closed`, `cancelled` from any state
 * before completed. Completion and closing go through `Projects.complete` / `Projects.close`. */
export const projectTransitions: TransitionTable<ProjectStatus> = {
  planned: ["active", "cancelled"],
  active: ["on_hold", "completed", "cancelled"],
  on_hold: ["active", "completed", "cancelled"],
  completed: ["closed"],
  closed: [],
  cancelled: []
}

/** Statuses a project takes through `Projects.transition`; the others have their own operation. */
export const ProjectTransitionTarget = Schema.Literal("active", "on_hold", "cancelled")
/** Statuses a project takes through `Projects.transition`. */
export type ProjectTransitionTarget = typeof ProjectTransitionTarget.Type

/** Statuses in which a project still takes new tasks, allocations and reviews. */
export const OPEN_PROJECT_STATUSES: ReadonlyArray<ProjectStatus> = ["planned", "active", "on_hold"]

/** The kind of campaign a project runs. */
export const CampaignType = Schema.Literal(
  "seo",
  "sem",
  "social_media",
  "content_marketing",
  "email_marketing",
  "influencer",
  "branding",
  "web_development",
  "video",
  "public_relations",
  "other"
)
/** The kind of campaign a project runs. */
export type CampaignType = typeof CampaignType.Type

/** What the project should achieve, one line each. */
export const Objectives = Schema.Array(ShortText).pipe(Schema.maxItems(50))

/** One approved campaign for a client. */
export class Project extends Schema.Class<Project>("Project")({
  ...entityFields(ProjectId),
  clientId: ClientId,
  name: Name,
  campaignType: CampaignType,
  description: Schema.NullOr(LongText),
  objectives: Objectives,
  budget: Schema.NullOr(Money),
  startDate: Schema.NullOr(LocalDate),
  dueDate: Schema.NullOr(LocalDate),
  managerId: TeamMemberId,
  status: ProjectStatus,
  reportReference: Schema.NullOr(ShortText),
  deliveredOn: Schema.NullOr(LocalDate),
  /** When it first became active (its work started); `null` while planned, or cancelled before that. */
  activatedAt: Schema.NullOr(Schema.DateTimeUtc),
  completedAt: Schema.NullOr(Schema.DateTimeUtc),
  /** When it was cancelled; `null` unless cancelled. */
  cancelledAt: Schema.NullOr(Schema.DateTimeUtc),
  closedAt: Schema.NullOr(Schema.DateTimeUtc),
  feedbackInteractionId: Schema.NullOr(InteractionId)
}) {}

const datesInOrder = (input: {
  readonly startDate?: LocalDate | null | undefined
  readonly dueDate?: LocalDate | null | undefined
}) =>
  input.startDate == null || input.dueDate == null || input.startDate <= input.dueDate
    ? true
    : { path: ["dueDate"], message: "must not be before startDate" }

/** Input of `Projects.create`; creating the first project of a prospect converts it to a client. */
export const CreateProjectInput = Schema.Struct({
  clientId: ClientId,
  name: Name,
  campaignType: CampaignType,
  managerId: TeamMemberId,
  description: Schema.optional(Schema.NullOr(LongText)),
  objectives: Schema.optional(Objectives),
  budget: Schema.optional(Schema.NullOr(Money)),
  startDate: Schema.optional(Schema.NullOr(LocalDate)),
  dueDate: Schema.optional(Schema.NullOr(LocalDate))
}).pipe(Schema.filter(datesInOrder))
/** Input of `Projects.create`. */
export type CreateProjectInput = typeof CreateProjectInput.Type

/** Input of `Projects.update`: only the given fields change; status moves through the lifecycle operations. */
export const UpdateProjectInput = Schema.Struct({
  name: Schema.optional(Name),
  campaignType: Schema.optional(CampaignType),
  managerId: Schema.optional(TeamMemberId),
  description: Schema.optional(Schema.NullOr(LongText)),
  objectives: Schema.optional(Objectives),
  budget: Schema.optional(Schema.NullOr(Money)),
  startDate: Schema.optional(Schema.NullOr(LocalDate)),
  dueDate: Schema.optional(Schema.NullOr(LocalDate))
}).pipe(Schema.filter(datesInOrder))
/** Input of `Projects.update`. */
export type UpdateProjectInput = typeof UpdateProjectInput.Type

/** Input of `Projects.complete`: where the final report is and when it was delivered. */
export const CompleteProjectInput = Schema.Struct({
  reportReference: Name,
  deliveredOn: LocalDate
})
/** Input of `Projects.complete`. */
export type CompleteProjectInput = typeof CompleteProjectInput.Type

/** The client's closing feedback, logged as a `feedback` interaction when the project closes. */
export const ClosingFeedbackInput = Schema.Struct({
  summary: Name,
  satisfaction: Schema.Int.pipe(Schema.between(1, 5)),
  contactId: Schema.optional(Schema.NullOr(ContactId)),
  occurredAt: Schema.optional(Schema.DateTimeUtc),
  outcome: Schema.optional(Schema.NullOr(LongText)),
  /** Future opportunities the client mentioned; kept as the interaction's next step. */
  futureOpportunities: Schema.optional(Schema.NullOr(ShortText))
})
/** The client's closing feedback. */
export type ClosingFeedbackInput = typeof ClosingFeedbackInput.Type

/** Input of `Projects.close`: either the feedback to log now, or a feedback interaction already logged. */
export const CloseProjectInput = Schema.Union(
  Schema.Struct({ feedback: ClosingFeedbackInput }),
  Schema.Struct({ feedbackInteractionId: InteractionId })
)
/** Input of `Projects.close`. */
export type CloseProjectInput = typeof CloseProjectInput.Type

/** Projects: one per approved campaign; their tasks, allocations and reviews go with them. */
export const projectAggregate = Aggregate.define({
  name: "project",
  plural: "projects",
  schema: Project,
  id: ProjectId,
  filters: {
    clientId: Filters.eq(ClientId),
    managerId: Filters.eq(TeamMemberId),
    status: Filters.among(ProjectStatus),
    campaignType: Filters.eq(CampaignType),
    feedbackInteractionId: Filters.eq(InteractionId),
    activatedBefore: Filters.before("activatedAt", Schema.DateTimeUtc),
    completedFrom: Filters.from("completedAt", Schema.DateTimeUtc),
    completedBefore: Filters.before("completedAt", Schema.DateTimeUtc),
    cancelledFrom: Filters.from("cancelledAt", Schema.DateTimeUtc)
  },
  sorts: {
    name: Sorts.text("name", "nameKey"),
    createdAt: Sorts.time("createdAt"),
    updatedAt: Sorts.time("updatedAt"),
    startDate: Sorts.value("startDate", { nullable: true }),
    dueDate: Sorts.value("dueDate", { nullable: true }),
    completedAt: Sorts.time("completedAt", { nullable: true }),
    cancelledAt: Sorts.time("cancelledAt", { nullable: true })
  },
  defaultSort: { by: "createdAt", order: "desc" },
  inputs: { create: CreateProjectInput, update: UpdateProjectInput },
  references: {
    clientId: { to: "client", onDelete: "restrict" },
    managerId: { to: "team_member", onDelete: "restrict" },
    feedbackInteractionId: { to: "interaction", onDelete: "restrict" }
  },
  events: ["created", "updated", "status_changed", "completed", "closed", "deleted"],
  eventRefs: (p) => ({ clientId: p.clientId, projectId: p.id }),
  search: projectDocument,
  permissions: { read: "crm.read", write: "project.manage", remove: "project.manage" },
  naturalKey: { by: "name" }
})

/** Filters of a project list. */
export const ProjectFilter = projectAggregate.Filter
/** Filters of a project list. */
export type ProjectFilter = typeof ProjectFilter.Type

/** Fields a project list can be sorted by. */
export const ProjectSortField = projectAggregate.SortField
/** Fields a project list can be sorted by. */
export type ProjectSortField = typeof ProjectSortField.Type

/** Query of a project list. */
export const ProjectListQuery = projectAggregate.ListQuery
/** Query of a project list. */
export type ProjectListQuery = typeof ProjectListQuery.Type

/** How projects are listed. */
export const projectList = projectAggregate.list

/** Storage of projects. */
export const ProjectRepository = projectAggregate.repository
/** Storage of projects. */
export type ProjectRepository = Context.Tag.Identifier<typeof ProjectRepository>
