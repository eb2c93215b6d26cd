import { Actor } from "@agency-crm/core"
import { HttpApiMiddleware } from "@effect/platform"
import { Unauthenticated } from "./errors.js"

/** Resolves the acting team member of a request from its `X-Actor-Id` header (a member id, or `system`).
 * Temporary: API-key authentication replaces it. */
export class ActorFromHeader extends HttpApiMiddleware.Tag<ActorFromHeader>()("@agency-crm/http/ActorFromHeader", {
  failure: Unauthenticated,
  provides: Actor
}) {}
