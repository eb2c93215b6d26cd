import { Either, Option, Predicate } from "effect"
import * as AST from "effect/SchemaAST"

/** Returned by a compiled parser when the input does not parse. */
export const FAIL: unique symbol = Symbol.for("@agency-crm/core/codec/FAIL")

/** Thrown when a value needs what the compiled parser does not do (an effectful step): the caller falls back. */
export class Bail {}

/** A compiled parser: the parsed value, or `FAIL`. */
export type Fast = (input: unknown) => unknown

/** The parse options the compiled parsers support: Effect's defaults, and the strict ones inputs are validated with. */
export const STRICT: AST.ParseOptions = { errors: "all", onExcessProperty: "error" }

/** How to compile: the direction, and whether excess properties fail (`STRICT`) or are dropped (the default). */
export interface CompileOptions {
  readonly isDecoding: boolean
  readonly strict: boolean
}

const memos = new Map<string, WeakMap<AST.AST, Fast | null>>()

const memoOf = (options: CompileOptions) => {
  const key = `${options.isDecoding}/${options.strict}`
  let memo = memos.get(key)
  if (memo === undefined) {
    memo = new WeakMap()
    memos.set(key, memo)
  }
  return memo
}

// What Effect's parser hands to filters, transformations and declarations.
const parseOptionsOf = (options: CompileOptions): AST.ParseOptions => (options.strict ? STRICT : AST.defaultParseOption)

/**
 * Compiles a schema AST into a synchronous parser that follows Effect's `ParseResult` step for step
 * (same node order, same filters, transformations and declarations, same output shape), or `undefined`
 * where it would not: template literals, suspended schemas, property renames and defaults, index
 * signatures, unions discriminated by literal fields, annotations that change parse options.
 */
export const compile = (ast: AST.AST, options: CompileOptions): Fast | undefined => {
  const memo = memoOf(options)
  const known = memo.get(ast)
  if (known !== undefined) return known ?? undefined
  // A cycle would need a Suspend, which is not compiled; mark the node while compiling it anyway.
  memo.set(ast, null)
  const compiled =
    Option.isSome(AST.getParseOptionsAnnotation(ast)) ||
    (options.isDecoding && Option.isSome(AST.getDecodingFallbackAnnotation(ast)))
      ? undefined
      : go(ast, options)
  memo.set(ast, compiled ?? null)
  return compiled
}

const refine =
  (predicate: (u: unknown) => boolean): Fast =>
  (u) =>
    predicate(u) ? u : FAIL

const identity: Fast = (u) => u

// The value of an Effect that is an `Either` (what every synchronous parse step returns); anything else
// would need a runtime, so the whole parse goes back to Effect's parser.
const settle = (result: unknown): unknown => {
  if (!Either.isEither(result)) throw new Bail()
  return Either.isRight(result) ? result.right : FAIL
}

const go = (ast: AST.AST, options: CompileOptions): Fast | undefined => {
  switch (ast._tag) {
    case "Literal": {
      const literal = ast.literal
      return (u) => (u === literal ? u : FAIL)
    }
    case "UniqueSymbol": {
      const symbol = ast.symbol
      return (u) => (u === symbol ? u : FAIL)
    }
    case "UndefinedKeyword":
      return refine(Predicate.isUndefined)
    case "NeverKeyword":
      return () => FAIL
    case "UnknownKeyword":
    case "AnyKeyword":
    case "VoidKeyword":
      return identity
    case "StringKeyword":
      return refine(Predicate.isString)
    case "NumberKeyword":
      return refine(Predicate.isNumber)
    case "BooleanKeyword":
      return refine(Predicate.isBoolean)
    case "BigIntKeyword":
      return refine(Predicate.isBigInt)
    case "SymbolKeyword":
      return refine(Predicate.isSymbol)
    case "ObjectKeyword":
      return refine(Predicate.isObject)
    case "Enums": {
      const values = ast.enums.map(([, value]) => value)
      return refine((u) => values.some((value) => value === u))
    }
    case "Refinement":
      return refinement(ast, options)
    case "Transformation":
      return transformation(ast, options)
    case "Declaration": {
      const parse = options.isDecoding
        ? ast.decodeUnknown(...ast.typeParameters)
        : ast.encodeUnknown(...ast.typeParameters)
      const parseOptions = parseOptionsOf(options)
      return (u) => settle(parse(u, parseOptions, ast))
    }
    case "TupleType":
      return tuple(ast, options)
    case "TypeLiteral":
      return typeLiteral(ast, options)
    case "Union":
      return union(ast, options)
    case "TemplateLiteral":
    case "Suspend":
      return undefined
  }
}

const refinement = (ast: AST.Refinement, options: CompileOptions): Fast | undefined => {
  const parseOptions = parseOptionsOf(options)
  if (options.isDecoding) {
    const from = compile(ast.from, options)
    if (from === undefined) return undefined
    return (u) => {
      const a = from(u)
      if (a === FAIL) return FAIL
      return Option.isNone(ast.filter(a, parseOptions, ast)) ? a : FAIL
    }
  }
  // Encoding checks the value against the refined type first, then encodes what it refines.
  const check = compile(AST.typeAST(ast), { ...options, isDecoding: true })
  let underlying: AST.AST = ast.from
  while (AST.isRefinement(underlying)) underlying = underlying.from
  const to = compile(underlying, options)
  if (check === undefined || to === undefined) return undefined
  return (u) => {
    const a = check(u)
    return a === FAIL ? FAIL : to(a)
  }
}

const transformation = (ast: AST.Transformation, options: CompileOptions): Fast | undefined => {
  const kind = ast.transformation
  let step: ((fromA: any, options: AST.ParseOptions, self: AST.Transformation, fromI: any) => unknown) | undefined
  switch (kind._tag) {
    case "FinalTransformation":
      step = options.isDecoding ? kind.decode : kind.encode
      break
    case "ComposeTransformation":
      step = undefined
      break
    case "TypeLiteralTransformation":
      return undefined
  }
  const from = options.isDecoding ? compile(ast.from, options) : compile(ast.to, options)
  const to = options.isDecoding ? compile(ast.to, options) : compile(ast.from, options)
  if (from === undefined || to === undefined) return undefined
  const parseOptions = parseOptionsOf(options)
  if (step === undefined) {
    return (u) => {
      const a = from(u)
      return a === FAIL ? FAIL : to(a)
    }
  }
  const apply = step
  return (u) => {
    const a = from(u)
    if (a === FAIL) return FAIL
    const b = settle(apply(a, parseOptions, ast, u))
    return b === FAIL ? FAIL : to(b)
  }
}

const tuple = (ast: AST.TupleType, options: CompileOptions): Fast | undefined => {
  // Elements after a rest element are rare enough to leave to Effect.
  if (ast.rest.length > 1) return undefined
  const elements: Array<Fast> = []
  for (const element of ast.elements) {
    const parse = compile(element.type, options)
    if (parse === undefined) return undefined
    elements.push(parse)
  }
  const required = ast.elements.filter((element) => !element.isOptional).length
  const rest = ast.rest.length === 1 ? compile(ast.rest[0]!.type, options) : null
  if (rest === undefined) return undefined
  return (input) => {
    if (!Array.isArray(input)) return FAIL
    const length = input.length
    if (length < required) return FAIL
    if (rest === null && length > elements.length) return FAIL
    const output: Array<unknown> = []
    let i = 0
    for (; i < elements.length; i++) {
      // Only optional elements can be missing here: the length was checked against the required ones.
      if (i >= length) continue
      const value = elements[i]!(input[i])
      if (value === FAIL) return FAIL
      output.push(value)
    }
    if (rest !== null) {
      for (; i < length; i++) {
        const value = rest(input[i])
        if (value === FAIL) return FAIL
        output.push(value)
      }
    }
    return output
  }
}

const typeLiteral = (ast: AST.TypeLiteral, options: CompileOptions): Fast | undefined => {
  if (ast.indexSignatures.length > 0) return undefined
  if (ast.propertySignatures.length === 0) return refine(Predicate.isNotNullable)
  const names: Array<PropertyKey> = []
  const optional: Array<boolean> = []
  const parsers: Array<Fast> = []
  for (const ps of ast.propertySignatures) {
    const parse = compile(ps.type, options)
    if (parse === undefined) return undefined
    names.push(ps.name)
    optional.push(ps.isOptional)
    parsers.push(parse)
  }
  const expected = new Set<PropertyKey>(names)
  const excessIsError = options.strict
  const count = names.length
  const hasOwn = Object.prototype.hasOwnProperty
  return (input) => {
    if (!Predicate.isRecord(input)) return FAIL
    if (excessIsError) {
      for (const key of Reflect.ownKeys(input)) if (!expected.has(key)) return FAIL
    }
    const output: Record<PropertyKey, unknown> = {}
    for (let i = 0; i < count; i++) {
      const name = names[i]!
      if (optional[i] && !hasOwn.call(input, name)) continue
      const value = parsers[i]!((input as Record<PropertyKey, unknown>)[name])
      if (value === FAIL) return FAIL
      output[name] = value
    }
    return output
  }
}

// Effect's union tries members with literal fields by bucket first; without such members it tries them
// in declaration order, which is what this does.
const union = (ast: AST.Union, options: CompileOptions): Fast | undefined => {
  if (ast.types.some((member) => hasLiteralFields(member, options.isDecoding))) return undefined
  const members: Array<Fast> = []
  for (const member of ast.types) {
    const parse = compile(member, options)
    if (parse === undefined) return undefined
    members.push(parse)
  }
  return (input) => {
    for (const member of members) {
      const value = member(input)
      if (value !== FAIL) return value
    }
    return FAIL
  }
}

// Mirrors `ParseResult.getLiterals`: whether a member would be placed in the union's search tree.
const hasLiteralFields = (ast: AST.AST, isDecoding: boolean): boolean => {
  switch (ast._tag) {
    case "Declaration": {
      const surrogate = AST.getSurrogateAnnotation(ast)
      return Option.isSome(surrogate) && hasLiteralFields(surrogate.value, isDecoding)
    }
    case "TypeLiteral":
      return ast.propertySignatures.some((ps) => {
        const type = isDecoding ? AST.encodedAST(ps.type) : AST.typeAST(ps.type)
        return AST.isLiteral(type) && !ps.isOptional
      })
    case "TupleType":
      return ast.elements.some((element) => {
        const type = isDecoding ? AST.encodedAST(element.type) : AST.typeAST(element.type)
        return AST.isLiteral(type) && !element.isOptional
      })
    case "Refinement":
      return hasLiteralFields(ast.from, isDecoding)
    case "Suspend":
      return true
    case "Transformation":
      return hasLiteralFields(isDecoding ? ast.from : ast.to, isDecoding)
    default:
      return false
  }
}
