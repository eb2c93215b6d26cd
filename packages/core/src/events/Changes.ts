import { Either, Equal, identity, type Schema } from "effect"
import { encoder } from "../codec/Codec.js"
import type { FieldChange } from "./DomainEvent.js"

/** Fields that change on every write and would only add noise to a change list. */
const bookkeeping = new Set(["id", "version", "createdAt", "updatedAt"])

const same = (a: unknown, b: unknown): boolean =>
  a === b || (typeof a === "object" && a !== null && JSON.stringify(a) === JSON.stringify(b)) || Equal.equals(a, b)

/** Makes the change list of a write from the entity before and after it (either may be absent). */
export const changesOf = <A, I>(schema: Schema.Schema<A, I, never>) => {
  const encodeEither = encoder(schema)
  // Entities passed here were validated when made; a failure is a defect, thrown as `encodeSync` would.
  const encode = (entity: A) => Either.getOrThrowWith(encodeEither(entity), identity)
  return (before: A | null, after: A | null): ReadonlyArray<FieldChange> => {
    const b = (before === null ? {} : encode(before)) as Record<string, unknown>
    const a = (after === null ? {} : encode(after)) as Record<string, unknown>
    const fields = new Set([...Object.keys(b), ...Object.keys(a)])
    const changes: Array<FieldChange> = []
    for (const field of fields) {
      if (bookkeeping.has(field)) continue
      const was = b[field] ?? null
      const is = a[field] ?? null
      if (!same(was, is)) changes.push({ field, before: was, after: is })
    }
    return changes
  }
}
