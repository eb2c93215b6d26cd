import type { Permission } from "../domain/Policy.js"

/** What one service operation requires: a permission; a permission checked against the assignee of the task
 * named by the first argument when the role holds it only for its own tasks (`task`), or against that assignee
 * and the new one named by the second argument (`assignment`); against the owner of the opportunity named by the
 * first argument and any owner an input names (`opportunity`); a permission for an operation that runs its own
 * transactions or only reads (`none`: no ownership, and not wrapped in a write); or nothing (`public`, for the operations that
 * establish an identity). */
export type OperationRule =
  | Permission
  | { readonly permission: Permission; readonly ownership: "task" }
  | { readonly permission: Permission; readonly ownership: "opportunity" }
  | { readonly permission: "task.assign"; readonly ownership: "assignment" }
  | { readonly permission: Permission; readonly ownership: "none" }
  | "public"

/** The permission of every service operation, in one table; `Access.guard` applies it and the compiler
 * refuses a service whose operations and entries differ. */
export const operationPolicy = {
  Team: {
    create: "team.manage",
    get: "crm.read",
    list: "crm.read",
    update: "team.manage",
    remove: "team.manage"
  },
  ApiKeys: {
    create: "api_key.manage",
    get: "api_key.manage",
    list: "api_key.manage",
    revoke: "api_key.manage",
    // Bootstrapping creates the first admin; the caller runs it as the system.
    bootstrap: "team.manage",
    authenticate: "public"
  },
  Clients: {
    create: "client.manage",
    get: "crm.read",
    list: "crm.read",
    update: "client.manage",
    archive: "client.manage",
    restore: "client.manage",
    remove: "client.manage"
  },
  Contacts: {
    create: "contact.manage",
    get: "crm.read",
    list: "crm.read",
    update: "contact.manage",
    remove: "contact.manage"
  },
  Projects: {
    create: "project.manage",
    get: "crm.read",
    list: "crm.read",
    update: "project.manage",
    transition: "project.manage",
    complete: "project.manage",
    close: "project.manage",
    remove: "project.manage",
    detail: "crm.read"
  },
  Tasks: {
    create: "task.write",
    get: "crm.read",
    list: "crm.read",
    update: "task.write",
    assign: { permission: "task.assign", ownership: "assignment" },
    transition: { permission: "task.move", ownership: "task" },
    remove: "task.delete"
  },
  Allocations: {
    create: "allocation.manage",
    get: "crm.read",
    list: "crm.read",
    update: "allocation.manage",
    remove: "allocation.manage"
  },
  Interactions: {
    log: "interaction.write",
    get: "crm.read",
    list: "crm.read",
    update: "interaction.write",
    remove: "interaction.delete"
  },
  Opportunities: {
    create: { permission: "opportunity.write", ownership: "opportunity" },
    get: "crm.read",
    list: "crm.read",
    update: { permission: "opportunity.write", ownership: "opportunity" },
    move: { permission: "opportunity.write", ownership: "opportunity" },
    resume: { permission: "opportunity.write", ownership: "opportunity" },
    reopen: { permission: "opportunity.write", ownership: "opportunity" },
    win: { permission: "opportunity.write", ownership: "opportunity" },
    remove: "opportunity.delete",
    history: "crm.read",
    pipeline: "crm.read"
  },
  DeliveryReports: { delivery: "crm.read", projects: "crm.read" },
  ClientReports: { satisfaction: "crm.read", responseTime: "crm.read", activity: "crm.read", retention: "crm.read" },
  SalesReports: {
    pipeline: "crm.read",
    forecast: "crm.read",
    conversion: "crm.read",
    wins: "crm.read",
    revenue: "crm.read"
  },
  Reviews: {
    record: "review.manage",
    get: "crm.read",
    list: "crm.read",
    update: "review.manage",
    remove: "review.manage"
  },
  Tracking: {
    overdue: "crm.read",
    dueSoon: "crm.read",
    workload: "crm.read",
    assigneeWork: "crm.read",
    progress: "crm.read"
  },
  Timeline: { project: "crm.read", client: "crm.read", history: "crm.read" },
  Search: { search: "crm.read" },
  DataTransfer: {
    importRows: { permission: "data.transfer", ownership: "none" },
    exportPage: { permission: "data.transfer", ownership: "none" }
  },
  PersonalData: {
    exportDocument: { permission: "data.transfer", ownership: "none" },
    erase: { permission: "data.transfer", ownership: "none" }
  },
  EventFeed: { stream: "crm.read", readAfter: "crm.read", subscribe: "crm.read" }
} as const satisfies Record<string, Record<string, OperationRule>>

/** The services the policy covers. */
export type GuardedService = keyof typeof operationPolicy
