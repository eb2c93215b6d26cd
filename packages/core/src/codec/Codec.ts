import { Either, type ParseResult, Schema } from "effect"
import { Bail, compile, type CompileOptions, FAIL, type Fast, STRICT } from "./compile.js"

// Hot paths (every stored row read, every response written, every input checked) parse with code compiled
// from the schema's AST. A value the compiled parser rejects, or one that needs an effectful step, is
// parsed again by Effect's own parser, so failures carry exactly Effect's `ParseError`.
const withFallback =
  <A, B>(
    fast: Fast | undefined,
    stock: (input: A) => Either.Either<B, ParseResult.ParseError>
  ): ((input: A) => Either.Either<B, ParseResult.ParseError>) =>
  (input) => {
    if (fast !== undefined) {
      try {
        const value = fast(input)
        if (value !== FAIL) return Either.right(value as B)
      } catch (error) {
        if (!(error instanceof Bail)) throw error
      }
    }
    return stock(input)
  }

const compiled = (schema: Schema.Schema.Any, options: CompileOptions) => compile(schema.ast, options)

/** `Schema.decodeUnknownEither(schema)`, compiled: the same values and errors, a fraction of the cost. */
export const decoder = <A, I>(
  schema: Schema.Schema<A, I, never>
): ((input: unknown) => Either.Either<A, ParseResult.ParseError>) =>
  withFallback(compiled(schema, { isDecoding: true, strict: false }), Schema.decodeUnknownEither(schema))

/** `Schema.encodeEither(schema)`, compiled: the same values and errors, a fraction of the cost. */
export const encoder = <A, I>(
  schema: Schema.Schema<A, I, never>
): ((value: A) => Either.Either<I, ParseResult.ParseError>) =>
  withFallback(compiled(schema, { isDecoding: false, strict: false }), Schema.encodeEither(schema))

/** `Schema.validateEither(schema, { errors: "all", onExcessProperty: "error" })`, compiled. */
export const validator = <A, I>(
  schema: Schema.Schema<A, I, never>
): ((value: A) => Either.Either<A, ParseResult.ParseError>) => {
  const type = Schema.typeSchema(schema)
  return withFallback(compiled(type, { isDecoding: true, strict: true }), Schema.validateEither(schema, STRICT))
}

/** Whether `schema` compiles in the given direction (otherwise its codec is Effect's own parser). */
export const isCompiled = (schema: Schema.Schema.Any, direction: "decode" | "encode" | "validate"): boolean =>
  direction === "validate"
    ? compiled(Schema.typeSchema(schema), { isDecoding: true, strict: true }) !== undefined
    : compiled(schema, { isDecoding: direction === "decode", strict: false }) !== undefined
