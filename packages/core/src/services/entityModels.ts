import { HumanAllocation, MaterialAllocation, ResourceAllocation } from "../domain/Allocation.js"
import { ApiKey, publicApiKey, StoredApiKey } from "../domain/ApiKey.js"
import { Client } from "../domain/Client.js"
import { Contact } from "../domain/Contact.js"
import { Interaction } from "../domain/Interaction.js"
import { Project } from "../domain/Project.js"
import { ProjectReview } from "../domain/Review.js"
import { Task } from "../domain/Task.js"
import { TeamMember } from "../domain/TeamMember.js"
import { changesOf } from "../events/Changes.js"

// How each entity is rebuilt, diffed and referenced by its events; services add the repository.

/** Team member writes. */
export const teamMemberModel = {
  entity: "team_member",
  changes: changesOf(TeamMember),
  refs: () => ({}),
  rebuild: (current: TeamMember, fields: Partial<TeamMember>) => new TeamMember({ ...current, ...fields })
} as const

/** Client writes. */
export const clientModel = {
  entity: "client",
  changes: changesOf(Client),
  refs: (c: Client) => ({ clientId: c.id }),
  rebuild: (current: Client, fields: Partial<Client>) => new Client({ ...current, ...fields })
} as const

/** Contact writes. */
export const contactModel = {
  entity: "contact",
  changes: changesOf(Contact),
  refs: (c: Contact) => ({ clientId: c.clientId }),
  rebuild: (current: Contact, fields: Partial<Contact>) => new Contact({ ...current, ...fields })
} as const

/** Project writes. */
export const projectModel = {
  entity: "project",
  changes: changesOf(Project),
  refs: (p: Project) => ({ clientId: p.clientId, projectId: p.id }),
  rebuild: (current: Project, fields: Partial<Project>) => new Project({ ...current, ...fields })
} as const

/** Task writes. */
export const taskModel = {
  entity: "task",
  changes: changesOf(Task),
  refs: (t: Task) => ({ clientId: t.clientId, projectId: t.projectId, assigneeId: t.assigneeId }),
  rebuild: (current: Task, fields: Partial<Task>) => new Task({ ...current, ...fields })
} as const

/** Resource allocation writes. */
export const allocationModel = {
  entity: "allocation",
  changes: changesOf(ResourceAllocation),
  refs: (a: ResourceAllocation) => ({
    clientId: a.clientId,
    projectId: a.projectId,
    assigneeId: a.kind === "human" ? a.memberId : null
  }),
  // Updates refuse fields of the other kind before a rebuild, so the casts only narrow the patch.
  rebuild: (current: ResourceAllocation, fields: Partial<ResourceAllocation>): ResourceAllocation =>
    current.kind === "human"
      ? new HumanAllocation({ ...current, ...(fields as Partial<HumanAllocation>), kind: "human" })
      : new MaterialAllocation({ ...current, ...(fields as Partial<MaterialAllocation>), kind: "material" })
} as const

/** Interaction writes. */
export const interactionModel = {
  entity: "interaction",
  changes: changesOf(Interaction),
  refs: (i: Interaction) => ({ clientId: i.clientId, projectId: i.projectId }),
  rebuild: (current: Interaction, fields: Partial<Interaction>) => new Interaction({ ...current, ...fields })
} as const

/** Project review writes. */
export const reviewModel = {
  entity: "review",
  changes: changesOf(ProjectReview),
  refs: (r: ProjectReview) => ({ clientId: r.clientId, projectId: r.projectId }),
  rebuild: (current: ProjectReview, fields: Partial<ProjectReview>) => new ProjectReview({ ...current, ...fields })
} as const

const apiKeyChanges = changesOf(ApiKey)

/** API-key writes: events carry the public fields only, never the hash. */
export const apiKeyModel = {
  entity: "api_key",
  changes: (before: StoredApiKey | null, after: StoredApiKey | null) =>
    apiKeyChanges(before === null ? null : publicApiKey(before), after === null ? null : publicApiKey(after)),
  refs: () => ({}),
  rebuild: (current: StoredApiKey, fields: Partial<StoredApiKey>) => new StoredApiKey({ ...current, ...fields })
} as const
