import { type Effect, Either, ParseResult, type Schema } from "effect"
import { validator } from "../codec/Codec.js"
import { ValidationFailed } from "./Errors.js"

const absentAlternative = /^Expected (null|undefined), actual /
const literalMismatch = /^Expected ("(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?|true|false), actual (.*)$/s

/**
 * Turns a parse error into a `ValidationFailed` naming each failing field by its dotted path, one issue per
 * field: a union reports every alternative it tried, so the "null"/"undefined" alternatives of optional
 * fields are dropped when a more specific issue exists, and literal alternatives become one message.
 */
export const fromParseError = (error: ParseResult.ParseError): ValidationFailed => {
  const raw = ParseResult.ArrayFormatter.formatErrorSync(error).map((issue) => ({
    path: issue.path.map(String).join("."),
    message: issue.message
  }))
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

/** Checks a value against a schema's type side; unknown properties are rejected, every issue is reported. */
export const validate = <A, I>(schema: Schema.Schema<A, I, never>) => {
  const run = validator(schema)
  return (input: A): Effect.Effect<A, ValidationFailed> => Either.mapLeft(run(input), fromParseError)
}

/** A `ValidationFailed` for a single field. */
export const invalidField = (path: string, message: string): ValidationFailed =>
  ValidationFailed.of([{ path, message }])
