import { DateTime, Effect, Schema } from "effect"
import {
  type AllocationSortField,
  AllocationFilter,
  allocationList,
  HumanAllocation,
  MaterialAllocation,
  Allocation
} from "../../domain/Allocation.js"
import { type ApiKeyFilter, type ApiKeySortField, apiKeyList, StoredApiKey } from "../../domain/ApiKey.js"
import { Client, ClientFilter, type ClientSortField, clientList } from "../../domain/Client.js"
import { Contact, ContactFilter, type ContactSortField, contactList } from "../../domain/Contact.js"
import type { ListSpec } from "../../domain/Entity.js"
import { Interaction, InteractionFilter, type InteractionSortField, interactionList } from "../../domain/Interaction.js"
import { LocalDate } from "../../domain/LocalDate.js"
import { Project, ProjectFilter, type ProjectSortField, projectList } from "../../domain/Project.js"
import { ProjectReview, ReviewFilter, type ReviewSortField, reviewList } from "../../domain/Review.js"
import { OPEN_TASK_STATUSES, Task, TaskFilter, type TaskSortField, taskList } from "../../domain/Task.js"
import { TeamMember, TeamMemberFilter, type TeamMemberSortField, teamMemberList } from "../../domain/TeamMember.js"
import { AllocationRepository } from "../../domain/Allocation.js"
import { ApiKeyRepository } from "../../domain/ApiKey.js"
import { ClientRepository } from "../../domain/Client.js"
import { ContactRepository } from "../../domain/Contact.js"
import { InteractionRepository } from "../../domain/Interaction.js"
import { ProjectRepository } from "../../domain/Project.js"
import type { Repository } from "../../ports/Repository.js"
import { ReviewRepository } from "../../domain/Review.js"
import { TaskRepository } from "../../domain/Task.js"
import { TeamMemberRepository } from "../../domain/TeamMember.js"
import { aggregateOf } from "../../aggregate/registry.js"
import type { StoragePorts } from "../../ports/StoragePorts.js"
import { at, type World } from "./world.js"

/** What the contract suite needs to know about one repository to test it generically. */
export interface EntitySpec<A extends { readonly id: string; readonly version: number }, F, Field extends string> {
  readonly name: string
  readonly repository: Effect.Effect<Repository<A, A["id"], F, Field>, never, StoragePorts>
  readonly list: ListSpec<A, Field>
  readonly sortFields: ReadonlyArray<Field>
  /** The reference semantics of the filter (the in-memory adapter's). */
  readonly matches: (filter: F, row: A) => boolean
  /** Filters whose results are checked against `matches`. */
  readonly filters: (world: World) => ReadonlyArray<F>
  readonly rows: (world: World) => ReadonlyArray<A>
  /** A changed copy at the next version. */
  readonly bump: (row: A) => A
  /** A row nothing depends on, and a filter matching only such rows. */
  readonly removable: (world: World) => A
  readonly removeFilter: (world: World) => F
  readonly encode: (row: A) => unknown
}

const spec = <A extends { readonly id: string; readonly version: number }, F, Field extends string>(
  s: EntitySpec<A, F, Field>
) => s

const later = at(10_000)
const d = (s: string) => LocalDate.make(s)

/** Team members. */
export const teamMembers = spec<TeamMember, TeamMemberFilter, TeamMemberSortField>({
  name: "TeamMemberRepository",
  repository: TeamMemberRepository,
  list: teamMemberList,
  sortFields: ["name", "createdAt"],
  matches: aggregateOf.team_member.matches,
  filters: (w) => [
    {},
    { active: true },
    { active: false },
    { email: w.members[1].email },
    { email: "nobody@x.test" },
    { role: "admin" },
    { role: "viewer", active: true }
  ],
  rows: (w) => w.members,
  bump: (m) =>
    new TeamMember({ ...m, name: `${m.name} II`, title: "Director", version: m.version + 1, updatedAt: later }),
  removable: (w) => w.members[2],
  removeFilter: () => ({ active: false }),
  encode: Schema.encodeSync(TeamMember)
})

/** Clients. */
export const clients = spec<Client, ClientFilter, ClientSortField>({
  name: "ClientRepository",
  repository: ClientRepository,
  list: clientList,
  sortFields: ["name", "createdAt", "updatedAt"],
  matches: aggregateOf.client.matches,
  filters: (w) => [
    {},
    { kind: "client" },
    { kind: "prospect" },
    { archived: true },
    { archived: false },
    { ownerId: w.members[0].id },
    { kind: "client", ownerId: w.members[0].id, archived: false }
  ],
  rows: (w) => w.clients,
  bump: (c) =>
    new Client({
      ...c,
      name: `${c.name} Ltd`,
      archivedAt: at(900),
      notes: "x",
      version: c.version + 1,
      updatedAt: later
    }),
  removable: (w) => w.clients[2],
  removeFilter: () => ({ kind: "supplier" }),
  encode: Schema.encodeSync(Client)
})

/** Contacts. */
export const contacts = spec<Contact, ContactFilter, ContactSortField>({
  name: "ContactRepository",
  repository: ContactRepository,
  list: contactList,
  sortFields: ["name", "createdAt"],
  matches: aggregateOf.contact.matches,
  filters: (w) => [
    {},
    { clientId: w.clients[0].id },
    { isPrimary: true },
    { clientId: w.clients[3].id, isPrimary: false }
  ],
  rows: (w) => w.contacts,
  bump: (c) =>
    new Contact({ ...c, position: "CMO", isPrimary: !c.isPrimary, version: c.version + 1, updatedAt: later }),
  removable: (w) => w.contacts[0],
  removeFilter: (w) => ({ clientId: w.clients[3].id }),
  encode: Schema.encodeSync(Contact)
})

/** Projects. */
export const projects = spec<Project, ProjectFilter, ProjectSortField>({
  name: "ProjectRepository",
  repository: ProjectRepository,
  list: projectList,
  sortFields: ["name", "createdAt", "updatedAt", "startDate", "dueDate"],
  matches: aggregateOf.project.matches,
  filters: (w) => [
    {},
    { clientId: w.clients[0].id },
    { managerId: w.members[0].id },
    { status: ["planned"] },
    { status: ["active", "on_hold"] },
    { campaignType: "seo" },
    { clientId: w.clients[3].id, status: ["planned", "on_hold"], managerId: w.members[1].id }
  ],
  rows: (w) => w.projects,
  bump: (p) =>
    new Project({
      ...p,
      objectives: [...p.objectives, "More"],
      budget: { amountMinor: 1, currency: "GBP" },
      dueDate: d("2027-01-01"),
      version: p.version + 1,
      updatedAt: later
    }),
  removable: (w) => w.projects[4],
  removeFilter: () => ({ campaignType: "video" }),
  encode: Schema.encodeSync(Project)
})

/** Tasks. */
export const tasks = spec<Task, TaskFilter, TaskSortField>({
  name: "TaskRepository",
  repository: TaskRepository,
  list: taskList,
  sortFields: ["createdAt", "updatedAt", "dueDate", "priority", "title"],
  matches: aggregateOf.task.matches,
  filters: (w) => [
    {},
    { projectId: w.projects[0].id },
    { clientId: w.clients[3].id },
    { assigneeId: w.members[0].id },
    { unassigned: true },
    { unassigned: false },
    { status: ["todo", "blocked"] },
    { priority: ["urgent"] },
    { priority: ["low", "high"] },
    { dueFrom: d("2026-01-20") },
    { dueBefore: d("2026-02-01") },
    { dueFrom: d("2026-01-10"), dueBefore: d("2026-02-01") },
    { status: OPEN_TASK_STATUSES, dueBefore: d("2026-02-01") },
    { projectId: w.projects[0].id, assigneeId: w.members[0].id, status: OPEN_TASK_STATUSES }
  ],
  rows: (w) => w.tasks,
  bump: (t) =>
    new Task({
      ...t,
      status: "done",
      assigneeId: null,
      dueDate: d("2026-12-24"),
      completedAt: later,
      version: t.version + 1,
      updatedAt: later
    }),
  removable: (w) => w.tasks[0]!,
  removeFilter: (w) => ({ projectId: w.projects[2].id }),
  encode: Schema.encodeSync(Task)
})

/** Resource allocations. */
export const allocations = spec<Allocation, AllocationFilter, AllocationSortField>({
  name: "AllocationRepository",
  repository: AllocationRepository,
  list: allocationList,
  sortFields: ["createdAt"],
  matches: aggregateOf.allocation.matches,
  filters: (w) => [
    {},
    { projectId: w.projects[0].id },
    { kind: "human" },
    { kind: "material" },
    { memberId: w.members[0].id },
    { projectId: w.projects[2].id, kind: "human", memberId: w.members[0].id }
  ],
  rows: (w) => w.allocations,
  bump: (a) =>
    a.kind === "human"
      ? new HumanAllocation({ ...a, hours: a.hours + 1, notes: "More", version: a.version + 1, updatedAt: later })
      : new MaterialAllocation({
          ...a,
          unitCost: { amountMinor: a.unitCost.amountMinor + 1, currency: "GBP" },
          version: a.version + 1,
          updatedAt: later
        }),
  removable: (w) => w.allocations[1]!,
  removeFilter: () => ({ kind: "material" }),
  encode: Schema.encodeSync(Allocation)
})

/** Interactions. */
export const interactions = spec<Interaction, InteractionFilter, InteractionSortField>({
  name: "InteractionRepository",
  repository: InteractionRepository,
  list: interactionList,
  sortFields: ["occurredAt", "createdAt"],
  matches: aggregateOf.interaction.matches,
  filters: (w) => [
    {},
    { clientId: w.clients[0].id },
    { contactId: w.contacts[1].id },
    { projectId: w.projects[0].id },
    { kind: ["call", "feedback"] },
    { occurredFrom: at(120) },
    { occurredBefore: at(120) },
    { occurredFrom: at(110), occurredBefore: at(130), clientId: w.clients[3].id }
  ],
  rows: (w) => w.interactions,
  bump: (i) =>
    new Interaction({
      ...i,
      summary: "Corrected",
      occurredAt: DateTime.add(i.occurredAt, { hours: 1 }),
      version: i.version + 1,
      updatedAt: later
    }),
  removable: (w) => w.interactions[0]!,
  removeFilter: (w) => ({ clientId: w.clients[1].id }),
  encode: Schema.encodeSync(Interaction)
})

/** Project reviews. */
export const reviews = spec<ProjectReview, ReviewFilter, ReviewSortField>({
  name: "ReviewRepository",
  repository: ReviewRepository,
  list: reviewList,
  sortFields: ["reviewedAt", "createdAt"],
  matches: aggregateOf.review.matches,
  filters: (w) => [{}, { projectId: w.projects[0].id }, { projectId: w.projects[4].id }],
  rows: (w) => w.reviews,
  bump: (r) =>
    new ProjectReview({ ...r, summary: "Edited", adjustments: ["A", "B"], version: r.version + 1, updatedAt: later }),
  removable: (w) => w.reviews[0],
  removeFilter: (w) => ({ projectId: w.projects[0].id }),
  encode: Schema.encodeSync(ProjectReview)
})

/** API keys (as stored, with hashes). */
export const apiKeys = spec<StoredApiKey, ApiKeyFilter, ApiKeySortField>({
  name: "ApiKeyRepository",
  repository: ApiKeyRepository,
  list: apiKeyList,
  sortFields: ["createdAt"],
  matches: aggregateOf.api_key.matches,
  filters: (w) => [{}, { memberId: w.members[0].id }, { revoked: true }, { revoked: false, memberId: w.members[0].id }],
  rows: (w) => w.apiKeys,
  bump: (k) =>
    new StoredApiKey({ ...k, lastUsedAt: later, revokedAt: later, version: k.version + 1, updatedAt: later }),
  removable: (w) => w.apiKeys[3],
  removeFilter: (w) => ({ memberId: w.members[0].id }),
  encode: Schema.encodeSync(StoredApiKey)
})

/** Inserts the whole fixture world, parents first. */
export const seed = (world: World) =>
  Effect.gen(function* () {
    const insertAll = <A>(rows: ReadonlyArray<A>, insert: (row: A) => Effect.Effect<void, unknown>) =>
      Effect.forEach(rows, insert, { discard: true })
    yield* insertAll(world.members, (yield* TeamMemberRepository).insert)
    yield* insertAll(world.clients, (yield* ClientRepository).insert)
    yield* insertAll(world.contacts, (yield* ContactRepository).insert)
    yield* insertAll(world.projects, (yield* ProjectRepository).insert)
    yield* insertAll(world.tasks, (yield* TaskRepository).insert)
    yield* insertAll(world.allocations, (yield* AllocationRepository).insert)
    yield* insertAll(world.interactions, (yield* InteractionRepository).insert)
    yield* insertAll(world.reviews, (yield* ReviewRepository).insert)
    yield* insertAll(world.apiKeys, (yield* ApiKeyRepository).insert)
  })
