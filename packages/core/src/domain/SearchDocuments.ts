import type { Client } from "./Client.js"
import type { Contact } from "./Contact.js"
import type { Interaction } from "./Interaction.js"
import type { Opportunity } from "./Opportunity.js"
import type { Project } from "./Project.js"
import type { SearchDocument } from "./Search.js"
import type { Task } from "./Task.js"

// What each entity contributes to full-text search. Storage adapters index the same text.

const text = (parts: ReadonlyArray<string | null>): string => parts.filter((p) => p !== null).join(" ")

/** A client is found by its name (title) and its industry, e-mail, website and notes. */
export const clientDocument = (c: Client): SearchDocument => ({
  entityType: "client",
  entityId: c.id,
  clientId: c.id,
  projectId: null,
  title: c.name,
  body: text([c.industry, c.email, c.website, c.notes])
})

/** A contact is found by its name and its position, e-mail, phone and notes. */
export const contactDocument = (c: Contact): SearchDocument => ({
  entityType: "contact",
  entityId: c.id,
  clientId: c.clientId,
  projectId: null,
  title: c.name,
  body: text([c.position, c.email, c.phone, c.notes])
})

/** A project is found by its name and its description, objectives and campaign type. */
export const projectDocument = (p: Project): SearchDocument => ({
  entityType: "project",
  entityId: p.id,
  clientId: p.clientId,
  projectId: p.id,
  title: p.name,
  body: text([p.description, ...p.objectives, p.campaignType])
})

/** A task is found by its title and description. */
export const taskDocument = (t: Task): SearchDocument => ({
  entityType: "task",
  entityId: t.id,
  clientId: t.clientId,
  projectId: t.projectId,
  title: t.title,
  body: text([t.description])
})

/** An interaction is found by its summary, outcome and next step. */
export const interactionDocument = (i: Interaction): SearchDocument => ({
  entityType: "interaction",
  entityId: i.id,
  clientId: i.clientId,
  projectId: i.projectId,
  title: i.summary,
  body: text([i.outcome, i.nextStep])
})

/** An opportunity is found by its name, notes and sales-order number. */
export const opportunityDocument = (o: Opportunity): SearchDocument => ({
  entityType: "opportunity",
  entityId: o.id,
  clientId: o.clientId,
  projectId: o.projectId,
  title: o.name,
  body: text([o.notes, o.salesOrderNumber])
})
