import {
  apiKeyList,
  type ApiKeySortField,
  type StoredApiKey,
  type ApiKeyFilter,
  type AllocationFilter,
  allocationList,
  type AllocationSortField,
  type ClientFilter,
  clientList,
  type ClientSortField,
  type ContactFilter,
  contactList,
  type ContactSortField,
  type Interaction,
  type InteractionFilter,
  interactionList,
  type InteractionSortField,
  type Project,
  type ProjectFilter,
  projectList,
  type ProjectReview,
  type ProjectSortField,
  type ResourceAllocation,
  type ReviewFilter,
  reviewList,
  type ReviewSortField,
  type Task,
  type TaskFilter,
  priorityRank,
  taskList,
  type TaskSortField,
  type TeamMember,
  type TeamMemberFilter,
  teamMemberList,
  type TeamMemberSortField,
  type Client,
  type Contact
} from "@agency-crm/core"
import { DateTime } from "effect"
import {
  AllocationRow,
  ApiKeyRow,
  ClientRow,
  ContactRow,
  InteractionRow,
  ProjectRow,
  ReviewRow,
  TaskRow,
  TeamMemberRow
} from "./rows.js"
import { type Fragment, fragment, inList } from "./sql.js"
import type { SortColumn, TableSpec } from "./Table.js"

const notNull = (column: string): SortColumn => ({ column, nullable: false })
const nullable = (column: string): SortColumn => ({ column, nullable: true })
const bit = (b: boolean) => (b ? 1 : 0)

/** Conditions for the filter fields that are set. */
const conditions = <F extends object>(
  filter: F,
  build: { readonly [K in keyof F]-?: (value: Exclude<F[K], undefined>) => Fragment }
): ReadonlyArray<Fragment> =>
  (Object.keys(build) as Array<keyof F>).flatMap((key) => {
    const value = filter[key]
    return value === undefined ? [] : [build[key](value as Exclude<F[typeof key], undefined>)]
  })

const bookkeeping = ["version", "createdAt", "updatedAt"] as const

/** The `team_members` table. */
export const teamMembers: TableSpec<TeamMember, TeamMemberFilter, TeamMemberSortField, typeof TeamMemberRow.Encoded> = {
  table: "team_members",
  entity: "team_member",
  row: TeamMemberRow,
  columns: ["id", "name", "nameKey", "email", "title", "role", "active", ...bookkeeping],
  list: teamMemberList,
  keys: (m) => ({ nameKey: teamMemberList.sortKey(m, "name") }),
  sort: { name: notNull("nameKey"), createdAt: notNull("createdAt") },
  filter: (f) =>
    conditions(f, {
      active: (v) => fragment("active = ?", bit(v)),
      email: (v) => fragment("email = ?", v),
      role: (v) => fragment("role = ?", v)
    })
}

/** The `clients` table. */
export const clients: TableSpec<Client, ClientFilter, ClientSortField, typeof ClientRow.Encoded> = {
  table: "clients",
  entity: "client",
  row: ClientRow,
  columns: [
    "id",
    "name",
    "nameKey",
    "kind",
    "industry",
    "website",
    "email",
    "phone",
    "notes",
    "ownerId",
    "archivedAt",
    ...bookkeeping
  ],
  list: clientList,
  keys: (c) => ({ nameKey: clientList.sortKey(c, "name") }),
  sort: { name: notNull("nameKey"), createdAt: notNull("createdAt"), updatedAt: notNull("updatedAt") },
  filter: (f) =>
    conditions(f, {
      kind: (v) => fragment("kind = ?", v),
      archived: (v) => fragment(v ? "archivedAt IS NOT NULL" : "archivedAt IS NULL"),
      ownerId: (v) => fragment("ownerId = ?", v)
    })
}

/** The `contacts` table. */
export const contacts: TableSpec<Contact, ContactFilter, ContactSortField, typeof ContactRow.Encoded> = {
  table: "contacts",
  entity: "contact",
  row: ContactRow,
  columns: ["id", "clientId", "name", "nameKey", "email", "phone", "position", "isPrimary", "notes", ...bookkeeping],
  list: contactList,
  keys: (c) => ({ nameKey: contactList.sortKey(c, "name") }),
  sort: { name: notNull("nameKey"), createdAt: notNull("createdAt") },
  filter: (f) =>
    conditions(f, {
      clientId: (v) => fragment("clientId = ?", v),
      isPrimary: (v) => fragment("isPrimary = ?", bit(v))
    })
}

/** The `projects` table. */
export const projects: TableSpec<Project, ProjectFilter, ProjectSortField, typeof ProjectRow.Encoded> = {
  table: "projects",
  entity: "project",
  row: ProjectRow,
  columns: [
    "id",
    "clientId",
    "name",
    "nameKey",
    "campaignType",
    "description",
    "objectives",
    "budget",
    "startDate",
    "dueDate",
    "managerId",
    "status",
    "reportReference",
    "deliveredOn",
    "completedAt",
    "closedAt",
    "feedbackInteractionId",
    ...bookkeeping
  ],
  list: projectList,
  keys: (p) => ({ nameKey: projectList.sortKey(p, "name") }),
  sort: {
    name: notNull("nameKey"),
    createdAt: notNull("createdAt"),
    updatedAt: notNull("updatedAt"),
    startDate: nullable("startDate"),
    dueDate: nullable("dueDate")
  },
  filter: (f) =>
    conditions(f, {
      clientId: (v) => fragment("clientId = ?", v),
      managerId: (v) => fragment("managerId = ?", v),
      status: (v) => inList("status", v),
      campaignType: (v) => fragment("campaignType = ?", v)
    })
}

/** The `tasks` table. */
export const tasks: TableSpec<Task, TaskFilter, TaskSortField, typeof TaskRow.Encoded> = {
  table: "tasks",
  entity: "task",
  row: TaskRow,
  columns: [
    "id",
    "projectId",
    "clientId",
    "title",
    "titleKey",
    "description",
    "status",
    "priority",
    "priorityRank",
    "assigneeId",
    "dueDate",
    "estimateHours",
    "originInteractionId",
    "completedAt",
    ...bookkeeping
  ],
  list: taskList,
  keys: (t) => ({ titleKey: taskList.sortKey(t, "title"), priorityRank: taskList.sortKey(t, "priority") }),
  sort: {
    createdAt: notNull("createdAt"),
    updatedAt: notNull("updatedAt"),
    dueDate: nullable("dueDate"),
    priority: notNull("priorityRank"),
    title: notNull("titleKey")
  },
  filter: (f) =>
    conditions(f, {
      projectId: (v) => fragment("projectId = ?", v),
      clientId: (v) => fragment("clientId = ?", v),
      assigneeId: (v) => fragment("assigneeId = ?", v),
      unassigned: (v) => fragment(v ? "assigneeId IS NULL" : "assigneeId IS NOT NULL"),
      status: (v) => inList("status", v),
      // Filtering on the rank lets the priority sort index serve the filter too.
      priority: (v) => fragment(`priorityRank IN (${v.map((p) => priorityRank[p]).join(", ")})`),
      dueFrom: (v) => fragment("dueDate >= ?", v),
      dueBefore: (v) => fragment("dueDate < ?", v)
    })
}

/** The `allocations` table. */
export const allocations: TableSpec<
  ResourceAllocation,
  AllocationFilter,
  AllocationSortField,
  typeof AllocationRow.Encoded
> = {
  table: "allocations",
  entity: "allocation",
  row: AllocationRow,
  columns: [
    "id",
    "projectId",
    "clientId",
    "kind",
    "memberId",
    "role",
    "hours",
    "name",
    "quantity",
    "unitCost",
    "notes",
    ...bookkeeping
  ],
  list: allocationList,
  keys: () => ({}),
  sort: { createdAt: notNull("createdAt") },
  filter: (f) =>
    conditions(f, {
      projectId: (v) => fragment("projectId = ?", v),
      kind: (v) => fragment("kind = ?", v),
      memberId: (v) => fragment("memberId = ?", v)
    })
}

/** The `interactions` table. */
export const interactions: TableSpec<
  Interaction,
  InteractionFilter,
  InteractionSortField,
  typeof InteractionRow.Encoded
> = {
  table: "interactions",
  entity: "interaction",
  row: InteractionRow,
  columns: [
    "id",
    "clientId",
    "contactId",
    "projectId",
    "kind",
    "direction",
    "occurredAt",
    "summary",
    "outcome",
    "nextStep",
    "satisfaction",
    "loggedById",
    ...bookkeeping
  ],
  list: interactionList,
  keys: () => ({}),
  sort: { occurredAt: notNull("occurredAt"), createdAt: notNull("createdAt") },
  filter: (f) =>
    conditions(f, {
      clientId: (v) => fragment("clientId = ?", v),
      contactId: (v) => fragment("contactId = ?", v),
      projectId: (v) => fragment("projectId = ?", v),
      kind: (v) => inList("kind", v),
      occurredFrom: (v) => fragment("occurredAt >= ?", DateTime.toEpochMillis(v)),
      occurredBefore: (v) => fragment("occurredAt < ?", DateTime.toEpochMillis(v))
    })
}

/** The `reviews` table. */
export const reviews: TableSpec<ProjectReview, ReviewFilter, ReviewSortField, typeof ReviewRow.Encoded> = {
  table: "reviews",
  entity: "review",
  row: ReviewRow,
  columns: [
    "id",
    "projectId",
    "clientId",
    "reviewerId",
    "reviewedAt",
    "summary",
    "adjustments",
    "progress",
    ...bookkeeping
  ],
  list: reviewList,
  keys: () => ({}),
  sort: { reviewedAt: notNull("reviewedAt"), createdAt: notNull("createdAt") },
  filter: (f) => conditions(f, { projectId: (v) => fragment("projectId = ?", v) })
}

/** The `api_keys` table. */
export const apiKeys: TableSpec<StoredApiKey, ApiKeyFilter, ApiKeySortField, typeof ApiKeyRow.Encoded> = {
  table: "api_keys",
  entity: "api_key",
  row: ApiKeyRow,
  columns: ["id", "memberId", "name", "hash", "lastUsedAt", "revokedAt", ...bookkeeping],
  list: apiKeyList,
  keys: () => ({}),
  sort: { createdAt: notNull("createdAt") },
  filter: (f) =>
    conditions(f, {
      memberId: (v) => fragment("memberId = ?", v),
      revoked: (v) => fragment(v ? "revokedAt IS NOT NULL" : "revokedAt IS NULL")
    })
}
