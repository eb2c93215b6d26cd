import { FastCheck as fc } from "effect"

/** The part of JSON Schema the served OpenAPI document uses. */
export interface JsonSchema {
  readonly $ref?: string
  readonly type?: string | ReadonlyArray<string>
  readonly enum?: ReadonlyArray<unknown>
  readonly anyOf?: ReadonlyArray<JsonSchema>
  readonly oneOf?: ReadonlyArray<JsonSchema>
  readonly allOf?: ReadonlyArray<JsonSchema>
  readonly properties?: Record<string, JsonSchema>
  readonly required?: ReadonlyArray<string>
  readonly items?: JsonSchema
  readonly maxItems?: number
  readonly minItems?: number
  readonly maxLength?: number
  readonly minLength?: number
  readonly pattern?: string
  readonly format?: string
  readonly minimum?: number
  readonly maximum?: number
  readonly exclusiveMinimum?: number
  readonly exclusiveMaximum?: number
}

/** Strings a fuzzer should try wherever text goes: search syntax, markup, escapes, odd Unicode, sizes. */
export const oddStrings: ReadonlyArray<string> = [
  "",
  " ",
  '"',
  "*",
  "a*",
  '"unterminated',
  "NEAR(a b)",
  "a AND OR NOT b",
  "^a",
  "col:umn",
  "-x",
  "(",
  ")",
  "{}",
  "[]",
  "%",
  "%00",
  "\u0000",
  "\u0000x\u0000",
  "é́́",
  "😀",
  "\u202e",
  "\ufeff",
  "<script>alert(1)</script>",
  "'; DROP TABLE tasks; --",
  "../../etc/passwd",
  "x".repeat(5_000),
  "ü".repeat(20_000),
  "0x10",
  "1e308",
  "-0",
  "NaN",
  "null",
  "true",
  "2026-02-30",
  "2026-13-01",
  "00000000-0000-0000-0000-000000000000",
  "ffffffff-ffff-ffff-ffff-ffffffffffff"
]

/** Values of every JSON type, for a field that expects another one. */
export const oddValues: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, 1.5, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, {}, []),
  fc.constantFrom(...oddStrings),
  fc.string(),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.string({ unit: "binary", maxLength: 8 }),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.string(), { maxKeys: 3 })
)

/**
 * Values generated from a JSON Schema: mostly valid ones (so requests get past validation into the services),
 * from `$ref`s, unions, enums, formats, patterns, bounds and objects with their required fields; `known` supplies
 * values for named string fields (real ids, say), so references point at stored entities.
 */
export const arbitraryOf = (
  schema: JsonSchema,
  components: Record<string, JsonSchema>,
  known: (field: string) => ReadonlyArray<string> = () => [],
  field = ""
): fc.Arbitrary<unknown> => {
  if (schema.$ref !== undefined) {
    const name = schema.$ref.replace("#/components/schemas/", "")
    const target = components[name]
    return target === undefined ? oddValues : arbitraryOf(target, components, known, field)
  }
  if (schema.enum !== undefined) return fc.constantFrom(...schema.enum)
  const alternatives = schema.anyOf ?? schema.oneOf
  if (alternatives !== undefined) return fc.oneof(...alternatives.map((s) => arbitraryOf(s, components, known, field)))
  if (schema.allOf !== undefined && schema.allOf.length > 0)
    return arbitraryOf(schema.allOf[0]!, components, known, field)
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type
  switch (type) {
    case "null":
      return fc.constant(null)
    case "boolean":
      return fc.boolean()
    case "integer": {
      const min = schema.minimum ?? (schema.exclusiveMinimum === undefined ? -1_000 : schema.exclusiveMinimum + 1)
      const max = schema.maximum ?? (schema.exclusiveMaximum === undefined ? 1_000_000 : schema.exclusiveMaximum - 1)
      return fc.integer({ min: Math.max(min, -1e9), max: Math.min(max, 1e9) })
    }
    case "number": {
      const min = schema.minimum ?? schema.exclusiveMinimum ?? -1_000
      const max = schema.maximum ?? schema.exclusiveMaximum ?? 1_000_000
      return fc.double({ min, max, noNaN: true, noDefaultInfinity: true })
    }
    case "array":
      return fc.array(arbitraryOf(schema.items ?? {}, components, known, field), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.min(schema.maxItems ?? 4, 4)
      })
    case "object": {
      const properties = schema.properties ?? {}
      const model: Record<string, fc.Arbitrary<unknown>> = {}
      for (const [name, property] of Object.entries(properties)) {
        model[name] = arbitraryOf(property, components, known, name)
      }
      return fc.record(model, { requiredKeys: (schema.required ?? []).filter((key) => key in properties) })
    }
    case "string":
      return stringOf(schema, known(field))
    default:
      return oddValues
  }
}

const stringOf = (schema: JsonSchema, known: ReadonlyArray<string>): fc.Arbitrary<string> => {
  const generated = (() => {
    if (schema.format === "uuid") return fc.uuid()
    if (schema.format === "date-time") {
      return fc
        .date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2100-01-01T00:00:00Z"), noInvalidDate: true })
        .map((d) => d.toISOString())
    }
    if (schema.pattern !== undefined) return fc.stringMatching(new RegExp(schema.pattern))
    return fc.string({ minLength: schema.minLength ?? 0, maxLength: Math.min(schema.maxLength ?? 40, 40) })
  })()
  return known.length === 0 ? generated : fc.oneof({ arbitrary: fc.constantFrom(...known), weight: 3 }, generated)
}

/** A value with one thing wrong: a field dropped or replaced by a value of another type, an unknown field, deep
 * nesting, a huge string; or not an object at all. */
export const mutated = (valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> =>
  fc.oneof(
    fc.tuple(valid, fc.nat(), oddValues).map(([value, pick, odd]) => {
      if (typeof value !== "object" || value === null || Array.isArray(value)) return odd
      const keys = Object.keys(value)
      if (keys.length === 0) return { unexpected: odd }
      const key = keys[pick % keys.length]!
      return { ...value, [key]: odd }
    }),
    fc.tuple(valid, fc.nat()).map(([value, pick]) => {
      if (typeof value !== "object" || value === null || Array.isArray(value)) return value
      const keys = Object.keys(value)
      if (keys.length === 0) return value
      const { [keys[pick % keys.length]!]: _dropped, ...rest } = value as Record<string, unknown>
      return rest
    }),
    fc
      .tuple(valid, fc.string({ minLength: 1, maxLength: 12 }), oddValues)
      .map(([value, key, odd]) =>
        typeof value === "object" && value !== null && !Array.isArray(value) ? { ...value, [key]: odd } : value
      ),
    fc.tuple(valid, fc.integer({ min: 30, max: 200 })).map(([value, depth]) => {
      let nested: unknown = value
      for (let i = 0; i < depth; i++) nested = [nested]
      return typeof value === "object" && value !== null && !Array.isArray(value) ? { ...value, nested } : nested
    }),
    oddValues
  )
