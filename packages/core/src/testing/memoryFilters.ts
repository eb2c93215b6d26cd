import { DateTime } from "effect"
import type { ApiKeyFilter, StoredApiKey } from "../domain/ApiKey.js"
import type { AllocationFilter, ResourceAllocation } from "../domain/Allocation.js"
import type { Client, ClientFilter } from "../domain/Client.js"
import type { Contact, ContactFilter } from "../domain/Contact.js"
import type { Interaction, InteractionFilter } from "../domain/Interaction.js"
import type { Project, ProjectFilter } from "../domain/Project.js"
import type { ProjectReview, ReviewFilter } from "../domain/Review.js"
import type { Task, TaskFilter } from "../domain/Task.js"
import type { TeamMember, TeamMemberFilter } from "../domain/TeamMember.js"
import { eventMatches } from "../events/DomainEvent.js"

// The reference semantics of every filter: the contract suite checks other adapters against these.

const eq = <A>(wanted: A | undefined, actual: A): boolean => wanted === undefined || wanted === actual
const among = <A>(wanted: ReadonlyArray<A> | undefined, actual: A): boolean =>
  wanted === undefined || wanted.includes(actual)

/** Whether a team member matches a filter. */
export const matchesTeamMember = (f: TeamMemberFilter, m: TeamMember): boolean =>
  eq(f.active, m.active) && eq(f.email, m.email) && eq(f.role, m.role)

/** Whether a client matches a filter. */
export const matchesClient = (f: ClientFilter, c: Client): boolean =>
  eq(f.kind, c.kind) && eq(f.ownerId, c.ownerId) && (f.archived === undefined || f.archived === (c.archivedAt !== null))

/** Whether a contact matches a filter. */
export const matchesContact = (f: ContactFilter, c: Contact): boolean =>
  eq(f.clientId, c.clientId) && eq(f.isPrimary, c.isPrimary)

/** Whether a project matches a filter. */
export const matchesProject = (f: ProjectFilter, p: Project): boolean =>
  eq(f.clientId, p.clientId) &&
  eq(f.managerId, p.managerId) &&
  among(f.status, p.status) &&
  eq(f.campaignType, p.campaignType)

/** Whether a task matches a filter; date bounds never match undated tasks. */
export const matchesTask = (f: TaskFilter, t: Task): boolean =>
  eq(f.projectId, t.projectId) &&
  eq(f.clientId, t.clientId) &&
  eq(f.assigneeId, t.assigneeId) &&
  (f.unassigned === undefined || f.unassigned === (t.assigneeId === null)) &&
  among(f.status, t.status) &&
  among(f.priority, t.priority) &&
  (f.dueFrom === undefined || (t.dueDate !== null && t.dueDate >= f.dueFrom)) &&
  (f.dueBefore === undefined || (t.dueDate !== null && t.dueDate < f.dueBefore))

/** Whether an allocation matches a filter. */
export const matchesAllocation = (f: AllocationFilter, a: ResourceAllocation): boolean =>
  eq(f.projectId, a.projectId) &&
  eq(f.kind, a.kind) &&
  (f.memberId === undefined || (a.kind === "human" && a.memberId === f.memberId))

/** Whether an interaction matches a filter. */
export const matchesInteraction = (f: InteractionFilter, i: Interaction): boolean =>
  eq(f.clientId, i.clientId) &&
  eq(f.contactId, i.contactId) &&
  eq(f.projectId, i.projectId) &&
  among(f.kind, i.kind) &&
  (f.occurredFrom === undefined || DateTime.greaterThanOrEqualTo(i.occurredAt, f.occurredFrom)) &&
  (f.occurredBefore === undefined || DateTime.lessThan(i.occurredAt, f.occurredBefore))

/** Whether a review matches a filter. */
export const matchesReview = (f: ReviewFilter, r: ProjectReview): boolean => eq(f.projectId, r.projectId)

/** Whether an event matches a filter. */
export const matchesEvent = eventMatches

/** Whether a stored API key matches a filter. */
export const matchesApiKey = (f: ApiKeyFilter, k: StoredApiKey): boolean =>
  eq(f.memberId, k.memberId) && (f.revoked === undefined || f.revoked === (k.revokedAt !== null))
