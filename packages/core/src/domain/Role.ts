import { Schema } from "effect"

/** What a team member may do, from most to least: `admin`, `manager`, `member`, `viewer`. */
export const Role = Schema.Literal("admin", "manager", "member", "viewer")
/** What a team member may do. */
export type Role = typeof Role.Type
