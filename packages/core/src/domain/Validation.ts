import { type Effect, Either, ParseResult, type Schema } from "effect"
import { validator } from "../codec/Codec.js"
import { ReferencedEntityMissing, ValidationFailed, type ValidationIssue } from "./Errors.js"

const absentAlternative = /^Expected (null|undefined), actual /
const literalMismatch = /^Expected ("(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?|true|false), actual (.*)$/s

/** An issue as Effect's `ArrayFormatter` reports it: a path of keys and indexes, and a message. */
export interface FormattedIssue {
  readonly path: ReadonlyArray<PropertyKey>
  readonly message: string
}

const typeMismatch = /^Expected (.+), actual (.+)$/s
const MAX_ACTUAL_LENGTH = 80

/** A type-mismatch message without the schema dump Effect writes for structures (`Expected { readonly name: …
 * }`), and with the actual value cut short: the reader needs what kind of value was expected, not the schema. */
const readable = (message: string): string => {
  const match = typeMismatch.exec(message)
  if (match === null) return message
  const [, expected, actual] = match as unknown as [string, string, string]
  const kind = expected.startsWith("{")
    ? "an object"
    : /^(readonly )?\[|^(Readonly)?Array</.test(expected)
      ? "an array"
      : expected
  const shown = actual.length > MAX_ACTUAL_LENGTH ? `${actual.slice(0, MAX_ACTUAL_LENGTH)}…` : actual
  return `Expected ${kind}, actual ${shown}`
}

/**
 * Turns formatted schema issues into a `ValidationFailed` naming each failing field by its dotted path, one
 * issue per field: a union reports every alternative it tried, so the "null"/"undefined" alternatives of
 * optional fields are dropped when a more specific issue exists, and literal alternatives become one message.
 */
export const fromIssues = (formatted: ReadonlyArray<FormattedIssue>): ValidationFailed => {
  const raw = formatted.map((issue) => ({ path: issue.path.map(String).join("."), message: readable(issue.message) }))
  const specific = (path: string) =>
    raw.some(
      (other) =>
        !absentAlternative.test(other.message) &&
        (other.path === path || path === "" || other.path.startsWith(`${path}.`))
    )
  const byPath = new Map<string, Array<string>>()
  for (const issue of raw) {
    if (absentAlternative.test(issue.message) && specific(issue.path)) continue
    const messages = byPath.get(issue.path) ?? []
    if (!messages.includes(issue.message)) messages.push(issue.message)
    byPath.set(issue.path, messages)
  }
  const issues = Array.from(byPath, ([path, messages]) => {
    const literals = messages.map((m) => literalMismatch.exec(m))
    if (messages.length > 1 && literals.every((m) => m !== null)) {
      const expected = literals.map((m) => m![1]).join(", ")
      return { path, message: `Expected one of ${expected}, actual ${literals[0]![2]}` }
    }
    return { path, message: messages.join("; ") }
  })
  return ValidationFailed.of(issues)
}

/** Turns a parse error into a `ValidationFailed`, one issue per failing field (see `fromIssues`). */
export const fromParseError = (error: ParseResult.ParseError): ValidationFailed =>
  fromIssues(ParseResult.ArrayFormatter.formatErrorSync(error))

/** How deep arrays and objects may nest in an input: far beyond any CRM input, and well within the stack. */
export const MAX_INPUT_DEPTH = 64

// In a Unicode-mode regex a well-formed pair is one code point, so only an unpaired surrogate is in `Cs`.
const unpairedSurrogate = /\p{Cs}/u
// Control characters have no place in CRM text; tab, line feed and carriage return are text.
const controlCharacter = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/

const textProblem = (text: string): string | undefined => {
  if (unpairedSurrogate.test(text)) return "is not valid Unicode text (it has an unpaired surrogate)"
  const control = controlCharacter.exec(text)
  if (control !== null) {
    const code = control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")
    return `contains a control character (U+${code})`
  }
  return undefined
}

const isPlain = (value: object) => {
  const proto = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null || Array.isArray(value)
}

/**
 * The first place in `value` where a string or an object key is not proper text (an unpaired surrogate, which no
 * storage can encode, or a control character other than tab and line breaks), or where plain arrays and objects
 * nest deeper than `maxDepth`; `undefined` when there is none. Class instances (dates, money values) are not
 * entered.
 */
export const findMalformed = (value: unknown, maxDepth: number = MAX_INPUT_DEPTH): ValidationIssue | undefined => {
  const path: Array<string> = []
  const at = (message: string): ValidationIssue => ({ path: path.join("."), message })
  const visit = (node: unknown, depth: number): ValidationIssue | undefined => {
    if (typeof node === "string") {
      const problem = textProblem(node)
      return problem === undefined ? undefined : at(problem)
    }
    if (typeof node !== "object" || node === null || !isPlain(node)) return undefined
    if (depth >= maxDepth) return at(`nests arrays and objects deeper than ${maxDepth} levels`)
    for (const key of Object.keys(node)) {
      path.push(key)
      const keyProblem = textProblem(key)
      const found =
        keyProblem === undefined
          ? visit((node as Record<string, unknown>)[key], depth + 1)
          : at(`is a field name that ${keyProblem}`)
      if (found !== undefined) return found
      path.pop()
    }
    return undefined
  }
  return visit(value, 0)
}

/** Checks a value against a schema's type side; unknown properties are rejected, every issue is reported, and
 * text that is not well-formed Unicode or absurdly deep nesting is refused before the schema looks at it. */
export const validate = <A, I>(schema: Schema.Schema<A, I, never>) => {
  const run = validator(schema)
  return (input: A): Effect.Effect<A, ValidationFailed> => {
    const malformed = findMalformed(input)
    return malformed === undefined
      ? Either.mapLeft(run(input), fromParseError)
      : Either.left(ValidationFailed.of([malformed]))
  }
}

/** A `ValidationFailed` for a single field. */
export const invalidField = (path: string, message: string): ValidationFailed =>
  ValidationFailed.of([{ path, message }])

/** An error of an operation run for one field of a larger input (a follow-up task, the project of a sale), with
 * the field paths it names moved under that field, so the caller sees `followUp.assigneeId`, not `assigneeId`. */
export const underField =
  (prefix: string) =>
  <E>(error: E): E => {
    if (error instanceof ValidationFailed) {
      return ValidationFailed.of(
        error.issues.map((issue) => ({ ...issue, path: issue.path === "" ? prefix : `${prefix}.${issue.path}` }))
      ) as E
    }
    if (error instanceof ReferencedEntityMissing) {
      return ReferencedEntityMissing.of(`${prefix}.${error.field}`, error.entity, error.id) as E
    }
    return error
  }
