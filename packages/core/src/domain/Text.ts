import { Schema } from "effect"

/** A non-blank single-line name of at most 200 characters. */
export const Name = Schema.String.pipe(
  Schema.filter((s) => s.trim().length > 0 || "must not be blank"),
  Schema.maxLength(200)
)

/** Free text of at most 10 000 characters. */
export const LongText = Schema.String.pipe(Schema.maxLength(10_000))

/** A short free-text field of at most 1 000 characters. */
export const ShortText = Schema.String.pipe(Schema.maxLength(1_000))

/** A plausible e-mail address of at most 320 characters. */
export const Email = Schema.String.pipe(
  Schema.pattern(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, { message: () => "expected an e-mail address" }),
  Schema.maxLength(320)
)

/** The optimistic-concurrency version of a stored entity; starts at 1 and grows by one per write. */
export const Version = Schema.Int.pipe(Schema.greaterThanOrEqualTo(1))

/** Options of a write on an existing entity. */
export const WriteOptions = Schema.Struct({
  /** When given, the write fails with `VersionConflict` unless the stored version is this one. */
  expectedVersion: Schema.optional(Version)
})

/** Options of a write on an existing entity. */
export type WriteOptions = typeof WriteOptions.Type
