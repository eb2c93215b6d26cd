import { DateTime } from "effect"
import { StoredApiKey } from "../../domain/ApiKey.js"
import { HumanAllocation, MaterialAllocation, type Allocation } from "../../domain/Allocation.js"
import { Client } from "../../domain/Client.js"
import { Contact } from "../../domain/Contact.js"
import {
  AllocationId,
  ClientId,
  ContactId,
  InteractionId,
  ProjectId,
  ReviewId,
  TaskId,
  TeamMemberId,
  ApiKeyId
} from "../../domain/Ids.js"
import { Interaction, type InteractionKind } from "../../domain/Interaction.js"
import { LocalDate } from "../../domain/LocalDate.js"
import { emptyStatusCounts } from "../../domain/Progress.js"
import { Project, type ProjectStatus } from "../../domain/Project.js"
import { ProjectReview } from "../../domain/Review.js"
import { Task, TASK_STATUSES, type TaskPriority } from "../../domain/Task.js"
import { TeamMember } from "../../domain/TeamMember.js"

// A small, deliberately awkward data set: equal timestamps (ties broken by id), null sort keys,
// mixed-case names, archived and inactive rows, and parents without children (safe to delete).

/** The instant `minutes` after 2026-01-01T00:00Z. */
export const at = (minutes: number): DateTime.Utc => DateTime.unsafeMake(Date.UTC(2026, 0, 1) + minutes * 60_000)

const uuid = (kind: number, n: number): string =>
  `00000000-0000-7000-8${kind.toString(16).padStart(3, "0")}-${n.toString(16).padStart(12, "0")}`

const date = (s: string | null) => (s === null ? null : LocalDate.make(s))

const roles = ["admin", "manager", "member", "viewer"] as const

/** The fixture data set every contract test starts from. */
export const makeWorld = () => {
  const member = (n: number, name: string, active: boolean, created: number) =>
    new TeamMember({
      id: TeamMemberId.make(uuid(1, n)),
      name,
      email: `${name.toLowerCase()}@agency.test`,
      title: n % 2 === 0 ? null : "Account manager",
      role: roles[n % roles.length]!,
      active,
      version: 1,
      createdAt: at(created),
      updatedAt: at(created)
    })
  const members = [
    member(1, "alice", true, 1),
    member(2, "Bob", true, 2),
    member(3, "carol", false, 2),
    member(4, "Dave", true, 3)
  ] as const
  const [m1, m2, , m4] = members

  const client = (
    n: number,
    name: string,
    kind: Client["kind"],
    ownerId: TeamMemberId | null,
    archived: boolean,
    created: number
  ) =>
    new Client({
      id: ClientId.make(uuid(2, n)),
      name,
      kind,
      industry: n === 1 ? "Food & drink" : null,
      website: null,
      email: n === 1 ? "hello@acme.test" : null,
      phone: null,
      notes: n === 2 ? "Long story" : null,
      ownerId,
      // Master data rows are sampled (see generated.ts); the reference cases point rows at them.
      marketId: null,
      originationId: null,
      archivedAt: archived ? at(500) : null,
      version: 1,
      createdAt: at(created),
      updatedAt: at(created + (n % 2) * 7)
    })
  const clients = [
    client(1, "Acme", "client", m1.id, false, 1),
    client(2, "beta", "prospect", m2.id, true, 2),
    client(3, "Gamma", "supplier", null, false, 2),
    client(4, "delta", "client", m1.id, false, 4)
  ] as const
  const [c1, c2, , c4] = clients

  const contact = (n: number, clientId: ClientId, name: string, isPrimary: boolean, created: number) =>
    new Contact({
      id: ContactId.make(uuid(3, n)),
      clientId,
      name,
      email: n % 2 === 0 ? `${name.toLowerCase()}@client.test` : null,
      phone: null,
      positionId: null,
      position: n === 1 ? "CEO" : null,
      isPrimary,
      notes: null,
      version: 1,
      createdAt: at(created),
      updatedAt: at(created)
    })
  const contacts = [
    contact(1, c1.id, "Zoe", true, 5),
    contact(2, c1.id, "adam", false, 5),
    contact(3, c2.id, "Maya", true, 6),
    contact(4, c4.id, "ivan", false, 7),
    contact(5, c4.id, "Hugo", true, 8)
  ] as const

  const project = (
    n: number,
    clientId: ClientId,
    name: string,
    campaignType: Project["campaignType"],
    status: ProjectStatus,
    managerId: TeamMemberId,
    startDate: string | null,
    dueDate: string | null,
    created: number
  ) =>
    new Project({
      id: ProjectId.make(uuid(4, n)),
      clientId,
      name,
      campaignType,
      description: n === 1 ? "Local SEO" : null,
      objectives: n === 1 ? ["Top 3", "+30% visits"] : [],
      budget: n === 1 ? { amountMinor: 1_200_000, currency: "EUR" } : null,
      startDate: date(startDate),
      dueDate: date(dueDate),
      managerId,
      status,
      reportReference: status === "completed" ? "reports/final.pdf" : null,
      deliveredOn: status === "completed" ? date("2026-01-30") : null,
      activatedAt: status === "planned" ? null : at(created),
      completedAt: status === "completed" ? at(400) : null,
      cancelledAt: status === "cancelled" ? at(400) : null,
      closedAt: null,
      feedbackInteractionId: null,
      version: 1,
      createdAt: at(created),
      updatedAt: at(created)
    })
  const projects = [
    project(1, c1.id, "Local SEO", "seo", "active", m1.id, "2026-01-05", "2026-03-01", 10),
    project(2, c1.id, "ads push", "sem", "planned", m2.id, null, null, 11),
    project(3, c4.id, "Social Spring", "social_media", "on_hold", m1.id, null, "2026-02-01", 11),
    project(4, c2.id, "old site", "seo", "completed", m4.id, "2025-10-01", "2026-01-31", 12),
    project(5, c4.id, "Empty idea", "video", "planned", m2.id, "2026-02-01", null, 13)
  ] as const
  const [p1, p2, p3, p4] = projects

  const assignees = [m1.id, m2.id, null, m4.id] as const
  const dues = [null, "2026-01-10", "2026-01-20", "2026-02-01", "2026-02-15"] as const
  const priorities: ReadonlyArray<TaskPriority> = ["low", "medium", "high", "urgent"]
  const titles = ["Audit", "banner", "Copy", "draft", "Email", "audit"]
  const openProjects = [p1, p2, p3] as const
  const tasks: Array<Task> = []
  for (let i = 0; i < 21; i++) {
    const inCompleted = i >= 18
    const parent = inCompleted ? p4 : openProjects[i % 3]!
    const status = inCompleted ? "done" : TASK_STATUSES[i % TASK_STATUSES.length]!
    tasks.push(
      new Task({
        id: TaskId.make(uuid(5, i + 1)),
        projectId: parent.id,
        opportunityId: null,
        clientId: parent.clientId,
        title: `${titles[i % titles.length]} ${i}`,
        description: i % 4 === 0 ? "Details" : null,
        status,
        priority: priorities[i % priorities.length]!,
        assigneeId: assignees[i % assignees.length]!,
        dueDate: date(dues[i % dues.length]!),
        estimateHours: i % 3 === 0 ? null : i + 0.5,
        originInteractionId: null,
        completedAt: status === "done" ? at(300 + i) : null,
        version: 1,
        createdAt: at(20 + (i % 7)),
        updatedAt: at(40 + (i % 5))
      })
    )
  }

  const common = (n: number, projectId: ProjectId, clientId: ClientId, created: number) => ({
    id: AllocationId.make(uuid(6, n)),
    projectId,
    clientId,
    notes: n === 1 ? "Half time" : null,
    version: 1,
    createdAt: at(created),
    updatedAt: at(created)
  })
  const allocations: ReadonlyArray<Allocation> = [
    new HumanAllocation({
      ...common(1, p1.id, c1.id, 30),
      kind: "human",
      memberId: m1.id,
      role: "SEO lead",
      hours: 40
    }),
    new MaterialAllocation({
      ...common(2, p1.id, c1.id, 30),
      kind: "material",
      name: "Keyword tool",
      quantity: 2,
      unitCost: { amountMinor: 9_900, currency: "EUR" }
    }),
    new HumanAllocation({ ...common(3, p2.id, c1.id, 31), kind: "human", memberId: m2.id, role: "Ads", hours: 12.5 }),
    new MaterialAllocation({
      ...common(4, p3.id, c4.id, 32),
      kind: "material",
      name: "Ad spend",
      quantity: 1,
      unitCost: { amountMinor: 500_000, currency: "USD" }
    }),
    new HumanAllocation({ ...common(5, p3.id, c4.id, 33), kind: "human", memberId: m1.id, role: "Design", hours: 8 })
  ]

  const kinds: ReadonlyArray<InteractionKind> = [
    "meeting",
    "call",
    "email",
    "message",
    "video_call",
    "note",
    "feedback"
  ]
  const interactionClients = [c1, c1, c2, c4, c4] as const
  const interactions: Array<Interaction> = []
  for (let i = 0; i < 12; i++) {
    const owner = interactionClients[i % interactionClients.length]!
    const kind = kinds[i % kinds.length]!
    const ownProjects = projects.filter((p) => p.clientId === owner.id)
    const ownContacts = contacts.filter((c) => c.clientId === owner.id)
    interactions.push(
      new Interaction({
        id: InteractionId.make(uuid(7, i + 1)),
        clientId: owner.id,
        contactId: i % 3 === 0 ? null : (ownContacts[i % Math.max(1, ownContacts.length)]?.id ?? null),
        projectId: i % 2 === 0 ? null : (ownProjects[i % Math.max(1, ownProjects.length)]?.id ?? null),
        kind,
        direction: i % 2 === 0 ? "outbound" : "inbound",
        occurredAt: at(100 + (i % 5) * 10),
        summary: `Talk ${i}`,
        outcome: i % 4 === 0 ? "Agreed" : null,
        nextStep: null,
        satisfaction: kind === "feedback" ? 4 : null,
        opportunityId: null,
        loggedById: i % 3 === 2 ? null : m1.id,
        // Raw rows for the storage contract: which one is first matters to the services, not to storage.
        firstContact: i % 7 === 0,
        version: 1,
        createdAt: at(200 + (i % 4)),
        updatedAt: at(200 + (i % 4))
      })
    )
  }

  const review = (n: number, p: Project, reviewed: number) =>
    new ProjectReview({
      id: ReviewId.make(uuid(8, n)),
      projectId: p.id,
      clientId: p.clientId,
      reviewerId: n === 2 ? null : m1.id,
      reviewedAt: at(reviewed),
      summary: `Review ${n}`,
      adjustments: n === 1 ? ["Move deadline"] : [],
      progress: {
        total: 3,
        byStatus: { ...emptyStatusCounts(), todo: 2, done: 1 },
        percentDone: 33.3,
        overdueTasks: 1,
        health: "at_risk",
        asOf: "2026-01-15"
      },
      version: 1,
      createdAt: at(reviewed),
      updatedAt: at(reviewed)
    })
  const reviews = [review(1, p1, 60), review(2, p1, 70), review(3, p3, 60), review(4, p4, 80)] as const

  const apiKey = (n: number, memberId: TeamMember["id"], revoked: number | null, created: number) =>
    new StoredApiKey({
      id: ApiKeyId.make(uuid(9, n)),
      memberId,
      name: `key ${n}`,
      hash: n.toString(16).padStart(64, "a"),
      lastUsedAt: n % 2 === 0 ? at(created + 5) : null,
      revokedAt: revoked === null ? null : at(revoked),
      version: 1,
      createdAt: at(created),
      updatedAt: at(created)
    })
  const apiKeys = [
    apiKey(1, m1.id, null, 10),
    apiKey(2, m1.id, 40, 20),
    apiKey(3, m2.id, null, 20),
    apiKey(4, m4.id, null, 30)
  ] as const

  return { members, clients, contacts, projects, tasks, allocations, interactions, reviews, apiKeys }
}

/** The fixture data set. */
export type World = ReturnType<typeof makeWorld>
