import { Effect, ParseResult, Schema } from "effect"
import { ValidationFailed } from "./Errors.js"

const options = { errors: "all", onExcessProperty: "error" } as const

/** Turns a parse error into a `ValidationFailed` that names each failing field by its dotted path. */
export const fromParseError = (error: ParseResult.ParseError): ValidationFailed =>
  ValidationFailed.of(
    ParseResult.ArrayFormatter.formatErrorSync(error).map((issue) => ({
      path: issue.path.map(String).join("."),
      message: issue.message
    }))
  )

/** Checks a value against a schema's type side; unknown properties are rejected, every issue is reported. */
export const validate = <A, I>(schema: Schema.Schema<A, I, never>) => {
  const run = Schema.validate(schema, options)
  return (input: A): Effect.Effect<A, ValidationFailed> => Effect.mapError(run(input), fromParseError)
}

/** A `ValidationFailed` for a single field. */
export const invalidField = (path: string, message: string): ValidationFailed => ValidationFailed.of([{ path, message }])
