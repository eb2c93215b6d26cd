import { Schema } from "effect"
import type { Role } from "./Role.js"

/** A capability the policy grants to roles; every service operation requires exactly one. */
export const Permission = Schema.Literal(
  "crm.read",
  "task.write",
  "task.move",
  "task.assign",
  "task.delete",
  "interaction.write",
  "interaction.delete",
  "client.manage",
  "contact.manage",
  "project.manage",
  "allocation.manage",
  "review.manage",
  "team.manage",
  "api_key.manage",
  "master_data.manage",
  "opportunity.write",
  "opportunity.delete",
  "data.transfer"
)
/** A capability the policy grants to roles. */
export type Permission = typeof Permission.Type

/** How far a grant reaches: every entity, or only the actor's own. For `task.move`, "own" means tasks assigned to
 * the actor or to no one; for `task.assign`, taking an unassigned task or giving back one's own; for
 * `opportunity.write`, opportunities the actor owns (and creates for themselves). */
export type Scope = "any" | "own"

const viewer: Partial<Record<Permission, Scope>> = { "crm.read": "any" }
const member: Partial<Record<Permission, Scope>> = {
  ...viewer,
  "task.write": "any",
  "task.move": "own",
  "task.assign": "own",
  "interaction.write": "any",
  "opportunity.write": "own"
}
const manager: Partial<Record<Permission, Scope>> = {
  ...member,
  "task.move": "any",
  "task.assign": "any",
  "task.delete": "any",
  "interaction.delete": "any",
  "client.manage": "any",
  "contact.manage": "any",
  "project.manage": "any",
  "allocation.manage": "any",
  "review.manage": "any",
  "master_data.manage": "any",
  "opportunity.write": "any",
  "opportunity.delete": "any"
}
const admin: Partial<Record<Permission, Scope>> = {
  ...manager,
  "team.manage": "any",
  "api_key.manage": "any",
  "data.transfer": "any"
}

/** The grants of each role: the whole authorization policy of the CRM. */
export const grants: { readonly [R in Role]: Readonly<Partial<Record<Permission, Scope>>> } = {
  viewer,
  member,
  manager,
  admin
}

/** How far `role` holds `permission`, or `undefined` when it does not hold it. */
export const scopeOf = (role: Role, permission: Permission): Scope | undefined => grants[role][permission]
