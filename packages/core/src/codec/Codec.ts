import { Either, type ParseResult, Schema } from "effect"
import * as AST from "effect/SchemaAST"
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

/** Whether `schema` compiles in the given direction (otherwise its codec is Effect's own parser); `construct`
 * is for classes, whether `constructor` checks their props compiled. */
export const isCompiled = (
  schema: Schema.Schema.Any,
  direction: "decode" | "encode" | "validate" | "construct"
): boolean => {
  switch (direction) {
    case "validate":
      return compiled(Schema.typeSchema(schema), { isDecoding: true, strict: true }) !== undefined
    case "construct":
      return "fields" in schema && constructorCheck(schema as unknown as SchemaClass<unknown, unknown>) !== undefined
    default:
      return compiled(schema, { isDecoding: direction === "decode", strict: false }) !== undefined
  }
}

// A field with a constructor default makes the constructor merge it in before validating: left to the constructor.
const hasDefault = (field: unknown): boolean => {
  if (!Schema.isPropertySignature(field)) return false
  const ast = field.ast
  return (ast._tag === "PropertySignatureDeclaration" ? ast.defaultValue : ast.to.defaultValue) !== undefined
}

/** A `Schema.Class` (not tagged): its constructor, its fields, and its AST (the encoded side → the class). */
export interface SchemaClass<P, A> {
  new (props: P, options?: boolean): A
  readonly fields: Schema.Struct.Fields
  readonly ast: AST.AST
}

const constructorCheck = (Class: { readonly fields: Schema.Struct.Fields; readonly ast: AST.AST }) =>
  Object.values(Class.fields).some(hasDefault) || !AST.isTransformation(Class.ast)
    ? undefined
    : compile(AST.typeAST(Class.ast.from), { isDecoding: true, strict: false })

/**
 * `new Class(props)` with the constructor's validation compiled. Effect's class constructor rebuilds its
 * validator on every call when a field has a transformation (a `DateTimeUtc`, say), ~40 µs a construction;
 * this checks the same schema once compiled, then constructs without checking again. Invalid props are
 * handed to the constructor itself, so it throws exactly its own error.
 */
export const constructor = <P, A>(Class: SchemaClass<P, A>): ((props: P) => A) => {
  const checked = constructorCheck(Class)
  if (checked === undefined) return (props) => new Class(props)
  return (props) => {
    try {
      const valid = checked({ ...props })
      if (valid !== FAIL) return new Class(valid as P, true)
    } catch (error) {
      if (!(error instanceof Bail)) throw error
    }
    return new Class(props)
  }
}
