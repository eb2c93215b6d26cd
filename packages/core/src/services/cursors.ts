import { Effect, Either, Encoding, Schema } from "effect"
import type { ValidationFailed } from "../domain/Errors.js"
import { type Position, SortOrder } from "../domain/Paging.js"
import { invalidField } from "../domain/Validation.js"

/** Encodes and decodes an opaque cursor carrying `schema`'s value; a foreign cursor is a `ValidationFailed`. */
export const opaqueCursor = <A>(schema: Schema.Schema<A, string>, what: string) => {
  const decode = Schema.decodeUnknownEither(schema)
  const encode = Schema.encodeSync(schema)
  return {
    encode: (value: A): string => Encoding.encodeBase64Url(encode(value)),
    decode: (cursor: string): Effect.Effect<A, ValidationFailed> => {
      const text = Encoding.decodeBase64UrlString(cursor)
      const value = Either.isRight(text) ? decode(text.right) : Either.left(undefined)
      return Either.isRight(value)
        ? Effect.succeed(value.right)
        : Effect.fail(invalidField("cursor", `is not a cursor returned by this ${what}`))
    }
  } as const
}

const listCursor = opaqueCursor(
  Schema.parseJson(
    Schema.Tuple(Schema.String, SortOrder, Schema.Union(Schema.String, Schema.Number, Schema.Null), Schema.String)
  ),
  "list"
)

/** Makes the opaque cursor of a position; it records the sort so it cannot be replayed under another. */
export const encodeCursor = (sortBy: string, order: SortOrder, position: Position): string =>
  listCursor.encode([sortBy, order, position.key, position.id])

/** Reads a cursor made by `encodeCursor` for the same sort; anything else is a `ValidationFailed` on `cursor`. */
export const decodeCursor = (
  cursor: string,
  sortBy: string,
  order: SortOrder
): Effect.Effect<Position, ValidationFailed> =>
  Effect.flatMap(listCursor.decode(cursor), ([field, direction, key, id]) =>
    field === sortBy && direction === order
      ? Effect.succeed({ key, id })
      : Effect.fail(invalidField("cursor", `was made for sortBy=${field}&order=${direction}, not this sort`))
  )
