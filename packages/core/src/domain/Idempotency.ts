import { Schema } from "effect"

/** The longest `Idempotency-Key` accepted. */
export const MAX_IDEMPOTENCY_KEY_LENGTH = 255

/** The outcome of a request made with an idempotency key, kept so a retry gets the same answer. */
export class IdempotencyRecord extends Schema.Class<IdempotencyRecord>("IdempotencyRecord")({
  /** Whose key it is: the identity of the credential the request carried, so clients never share keys. */
  scope: Schema.String.pipe(Schema.maxLength(200)),
  key: Schema.String.pipe(Schema.minLength(1), Schema.maxLength(MAX_IDEMPOTENCY_KEY_LENGTH)),
  /** A digest of what was asked (method, target, body): the same key for another request is refused. */
  fingerprint: Schema.String.pipe(Schema.maxLength(200)),
  status: Schema.Int.pipe(Schema.between(100, 599)),
  /** Response headers worth replaying (content type, ETag, location). */
  headers: Schema.Record({ key: Schema.String, value: Schema.String }),
  body: Schema.String,
  createdAt: Schema.DateTimeUtc
}) {}

/** The idempotency key was used with another request (another method, target or body). */
export class IdempotencyKeyReused extends Schema.TaggedError<IdempotencyKeyReused>()("IdempotencyKeyReused", {
  key: Schema.String,
  message: Schema.String
}) {
  /** An `IdempotencyKeyReused` for `key`. */
  static of(key: string): IdempotencyKeyReused {
    return new IdempotencyKeyReused({
      key,
      message: `idempotency key ${JSON.stringify(key)} was used with another request; use a new key for a new request`
    })
  }
}
