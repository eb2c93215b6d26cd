import { assert } from "@effect/vitest"
import { Arbitrary, DateTime, Either, FastCheck, type ParseResult, Schema } from "effect"
import * as Codec from "../codec/Codec.js"

// The reference is Effect's own parser: a compiled codec must give the same value (same prototype, same keys
// in the same order) or the same error, on valid values and on every corruption of them tried here.

/** Deep equality that also compares prototypes and key order (what `JSON.stringify` and `Equal` would miss). */
export const same = (a: unknown, b: unknown): boolean => {
  if (Object.is(a, b)) return true
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false
  if (DateTime.isDateTime(a)) return DateTime.isDateTime(b) && DateTime.toEpochMillis(a) === DateTime.toEpochMillis(b)
  const keysA = Reflect.ownKeys(a)
  const keysB = Reflect.ownKeys(b)
  return (
    keysA.length === keysB.length &&
    keysA.every(
      (key, i) =>
        key === keysB[i] && same((a as Record<PropertyKey, unknown>)[key], (b as Record<PropertyKey, unknown>)[key])
    )
  )
}

const assertSameResult = (
  fast: Either.Either<unknown, ParseResult.ParseError>,
  stock: Either.Either<unknown, ParseResult.ParseError>,
  what: string
) => {
  assert.strictEqual(fast._tag, stock._tag, `${what}: ${Either.isLeft(stock) ? stock.left.message : "valid"}`)
  if (Either.isRight(fast) && Either.isRight(stock)) assert.isTrue(same(fast.right, stock.right), `${what}: same value`)
  if (Either.isLeft(fast) && Either.isLeft(stock)) assert.strictEqual(fast.left.message, stock.left.message, what)
}

const show = (value: unknown) => JSON.stringify(value, (_, v) => (typeof v === "bigint" ? `${v}n` : v))

const STRICT = { errors: "all", onExcessProperty: "error" } as const
const ODD_VALUES: ReadonlyArray<unknown> = [
  null,
  undefined,
  "",
  " ",
  "x",
  "2024-02-30",
  "0190a3c4-5d6e-7f80-9a1b-2c3d4e5f6a7b",
  0,
  -1,
  1.5,
  Number.NaN,
  1e20,
  true,
  {},
  [],
  ["todo"],
  { amountMinor: 1, currency: "EUR" }
]

/** Copies of `value` with one field replaced by an odd value, removed, or an unknown field added. */
export const corruptions = (value: unknown): ReadonlyArray<unknown> => {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return ODD_VALUES
  const record = value as Record<string, unknown>
  const out: Array<unknown> = [{ ...record, unexpected: 1 }]
  for (const key of Object.keys(record)) {
    const { [key]: _, ...without } = record
    out.push(without)
    for (const odd of ODD_VALUES) out.push({ ...record, [key]: odd })
  }
  return out
}

/** Lets timers and I/O run: a long synchronous loop would starve the test runner's own messages. */
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve))

/** Asserts that `schema`'s compiled codecs give Effect's own results on `samples` arbitrary values and on every
 * corruption of them tried (a field replaced by odd values, removed, an unknown field added). Yields to the
 * event loop between samples, so a slow machine delays it without stalling its test runner. */
export const assertCodecsAgree = async <A, I>(
  name: string,
  schema: Schema.Schema<A, I, never>,
  samples: number
): Promise<void> => {
  const decode = { fast: Codec.decoder(schema), stock: Schema.decodeUnknownEither(schema) }
  const encode = { fast: Codec.encoder(schema), stock: Schema.encodeEither(schema) }
  const validate = { fast: Codec.validator(schema), stock: Schema.validateEither(schema, STRICT) }
  for (const value of FastCheck.sample(Arbitrary.make(schema), { numRuns: samples, seed: 20261123 })) {
    await yieldToEventLoop()
    assertSameResult(encode.fast(value), encode.stock(value), `${name} encode`)
    assertSameResult(validate.fast(value), validate.stock(value), `${name} validate`)
    const encoded = Either.getOrThrow(encode.stock(value))
    assertSameResult(decode.fast(encoded), decode.stock(encoded), `${name} decode`)
    for (const corrupt of corruptions(encoded)) {
      assertSameResult(decode.fast(corrupt), decode.stock(corrupt), `${name} decode ${show(corrupt)}`)
    }
    // Plain values of the type side (inputs are plain structs) are validated strictly: excess fields fail.
    if (Object.getPrototypeOf(value) === Object.prototype) {
      for (const corrupt of corruptions(value)) {
        assertSameResult(validate.fast(corrupt as A), validate.stock(corrupt as A), `${name} validate corrupt`)
      }
    }
  }
}
