import { Actor } from "@agency-crm/core"
import { HttpApiMiddleware, HttpApiSecurity, OpenApi } from "@effect/platform"
import { Schema } from "effect"
import { TooManyRequests, Unauthenticated } from "./errors.js"

/** The API-key bearer scheme of every endpoint but `/health`. */
export const apiKeyBearer = HttpApiSecurity.bearer.pipe(
  HttpApiSecurity.annotate(
    OpenApi.Description,
    "An API key of a team member: `Authorization: Bearer <key>`. Admins create keys with `POST /api-keys`."
  )
)

/** Authenticates a request by its API key and runs it as the key's team member. */
export class Authentication extends HttpApiMiddleware.Tag<Authentication>()("@agency-crm/http/Authentication", {
  failure: Schema.Union(Unauthenticated, TooManyRequests),
  provides: Actor,
  security: { apiKey: apiKeyBearer }
}) {}
