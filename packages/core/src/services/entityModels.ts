import { HumanAllocation, MaterialAllocation, ResourceAllocation } from "../domain/Allocation.js"
import { ApiKey, publicApiKey, StoredApiKey } from "../domain/ApiKey.js"
import { Client } from "../domain/Client.js"
import { Contact } from "../domain/Contact.js"
import { Interaction } from "../domain/Interaction.js"
import { Project } from "../domain/Project.js"
import { ProjectReview } from "../domain/Review.js"
import { Task } from "../domain/Task.js"
import { TeamMember } from "../domain/TeamMember.js"
import { constructor } from "../codec/Codec.js"
import { changesOf } from "../events/Changes.js"

// How each entity is made, rebuilt, diffed and referenced by its events; services add the repository.
// `make` is the class constructor with its validation compiled (see `Codec.constructor`).

const makeTeamMember = constructor(TeamMember)
const makeClient = constructor(Client)
const makeContact = constructor(Contact)
const makeProject = constructor(Project)
const makeTask = constructor(Task)
const makeHumanAllocation = constructor(HumanAllocation)
const makeMaterialAllocation = constructor(MaterialAllocation)
const makeInteraction = constructor(Interaction)
const makeProjectReview = constructor(ProjectReview)
const makeStoredApiKey = constructor(StoredApiKey)

/** Team member writes. */
export const teamMemberModel = {
  entity: "team_member",
  changes: changesOf(TeamMember),
  refs: () => ({}),
  rebuild: (current: TeamMember, fields: Partial<TeamMember>) => makeTeamMember({ ...current, ...fields }),
  make: makeTeamMember
} as const

/** Client writes. */
export const clientModel = {
  entity: "client",
  changes: changesOf(Client),
  refs: (c: Client) => ({ clientId: c.id }),
  rebuild: (current: Client, fields: Partial<Client>) => makeClient({ ...current, ...fields }),
  make: makeClient
} as const

/** Contact writes. */
export const contactModel = {
  entity: "contact",
  changes: changesOf(Contact),
  refs: (c: Contact) => ({ clientId: c.clientId }),
  rebuild: (current: Contact, fields: Partial<Contact>) => makeContact({ ...current, ...fields }),
  make: makeContact
} as const

/** Project writes. */
export const projectModel = {
  entity: "project",
  changes: changesOf(Project),
  refs: (p: Project) => ({ clientId: p.clientId, projectId: p.id }),
  rebuild: (current: Project, fields: Partial<Project>) => makeProject({ ...current, ...fields }),
  make: makeProject
} as const

/** Task writes. */
export const taskModel = {
  entity: "task",
  changes: changesOf(Task),
  refs: (t: Task) => ({ clientId: t.clientId, projectId: t.projectId, assigneeId: t.assigneeId }),
  rebuild: (current: Task, fields: Partial<Task>) => makeTask({ ...current, ...fields }),
  make: makeTask
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
      ? makeHumanAllocation({ ...current, ...(fields as Partial<HumanAllocation>), kind: "human" })
      : makeMaterialAllocation({ ...current, ...(fields as Partial<MaterialAllocation>), kind: "material" }),
  makeHuman: makeHumanAllocation,
  makeMaterial: makeMaterialAllocation
} as const

/** Interaction writes. */
export const interactionModel = {
  entity: "interaction",
  changes: changesOf(Interaction),
  refs: (i: Interaction) => ({ clientId: i.clientId, projectId: i.projectId }),
  rebuild: (current: Interaction, fields: Partial<Interaction>) => makeInteraction({ ...current, ...fields }),
  make: makeInteraction
} as const

/** Project review writes. */
export const reviewModel = {
  entity: "review",
  changes: changesOf(ProjectReview),
  refs: (r: ProjectReview) => ({ clientId: r.clientId, projectId: r.projectId }),
  rebuild: (current: ProjectReview, fields: Partial<ProjectReview>) => makeProjectReview({ ...current, ...fields }),
  make: makeProjectReview
} as const

const apiKeyChanges = changesOf(ApiKey)

/** API-key writes: events carry the public fields only, never the hash. */
export const apiKeyModel = {
  entity: "api_key",
  changes: (before: StoredApiKey | null, after: StoredApiKey | null) =>
    apiKeyChanges(before === null ? null : publicApiKey(before), after === null ? null : publicApiKey(after)),
  refs: () => ({}),
  rebuild: (current: StoredApiKey, fields: Partial<StoredApiKey>) => makeStoredApiKey({ ...current, ...fields }),
  make: makeStoredApiKey
} as const
