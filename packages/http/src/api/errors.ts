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
export class PreconditionFailed extends Schema.TaggedError<PreconditionFailed>()(
  "PreconditionFailed",
  { expected: Schema.Int, actual: Schema.Int, message: Schema.String },
  HttpApiSchema.annotations({ status: 412 })
) {}

/** The server requires `If-Match` on writes to existing entities, and the request has none. */
export class PreconditionRequired extends Schema.TaggedError<PreconditionRequired>()(
  "PreconditionRequired",
  { message: Schema.String },
  HttpApiSchema.annotations({ status: 428 })
) {}

/** The request body is larger than the server accepts. */
export class PayloadTooLarge extends Schema.TaggedError<PayloadTooLarge>()(
  "PayloadTooLarge",
  { limit: Schema.Int, message: Schema.String },
  HttpApiSchema.annotations({ status: 413 })
) {}

/** The server failed in a way it did not foresee; the failure is logged with its cause, never sent. */
export class InternalServerError extends Schema.TaggedError<InternalServerError>()(
  "InternalServerError",
  { message: Schema.String },
  HttpApiSchema.annotations({ status: 500 })
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

/** The request body is not in a media type the API accepts (it accepts `application/json` in UTF-8). */
export class UnsupportedMediaType extends Schema.TaggedError<UnsupportedMediaType>()(
  "UnsupportedMediaType",
  { supported: Schema.Array(Schema.String), message: Schema.String },
  HttpApiSchema.annotations({ status: 415 })
) {}

/** The request body did not arrive in time; the connection is closed. */
export class RequestTimeout extends Schema.TaggedError<RequestTimeout>()(
  "RequestTimeout",
  { limitMs: Schema.Int, message: Schema.String },
  HttpApiSchema.annotations({ status: 408 })
) {}
