import { HttpApiSchema } from "@effect/platform"
import { Schema } from "effect"

/** The request carries no valid API key (`Authorization: Bearer <key>`): missing, malformed, unknown, revoked,
 * or of a deactivated member. */
export class Unauthenticated extends Schema.TaggedError<Unauthenticated>()(
  "Unauthenticated",
  { message: Schema.String },
  HttpApiSchema.annotations({ status: 401 })
) {}

/** `If-Match` named a version the entity no longer has. */
export class PreconditionFailed extends Schema.TaggedError<PreconditionFailed>()("PreconditionFailed", {
  expected: Schema.Int,
  actual: Schema.Int,
  message: Schema.String
}) {}

/** The request body is larger than the server accepts. */
export class PayloadTooLarge extends Schema.TaggedError<PayloadTooLarge>()(
  "PayloadTooLarge",
  { limit: Schema.Int, message: Schema.String },
  HttpApiSchema.annotations({ status: 413 })
) {}

/** The storage behind the server is not answering. */
export class ServiceUnavailable extends Schema.TaggedError<ServiceUnavailable>()(
  "ServiceUnavailable",
  { message: Schema.String },
  HttpApiSchema.annotations({ status: 503 })
) {}

/** Too many failed authentications from this address; retry after `retryAfterSeconds`. */
export class TooManyRequests extends Schema.TaggedError<TooManyRequests>()(
  "TooManyRequests",
  { retryAfterSeconds: Schema.Int, message: Schema.String },
  HttpApiSchema.annotations({ status: 429 })
) {}
