import { Codec } from "@agency-crm/core"
import { type HttpApiBuilder, type HttpApiEndpoint, HttpApiSchema, HttpServerResponse } from "@effect/platform"
import { Chunk, Effect, Either, type Schema } from "effect"

/**
 * How an endpoint's success is answered when the handler returns a value: its success schema encoded by a
 * compiled encoder, as JSON with the endpoint's status and content type, which is what the framework does
 * with Effect's general parser. `undefined` where the framework's own encoding is kept: empty responses,
 * non-JSON encodings, and unions (the framework gives each member its own status).
 */
export const successResponder = (
  endpoint: HttpApiEndpoint.HttpApiEndpoint.Any
): ((value: unknown) => Effect.Effect<HttpServerResponse.HttpServerResponse>) | undefined => {
  const schema = (endpoint as HttpApiEndpoint.HttpApiEndpoint.AnyWithProps).successSchema
  const encoding = HttpApiSchema.getEncoding(schema.ast)
  if (HttpApiSchema.isVoid(schema.ast) || schema.ast._tag === "Union" || encoding.kind !== "Json") return undefined
  const status = HttpApiSchema.getStatusSuccess(schema)
  // Our success schemas need no services (the framework would need them in the handler's context otherwise).
  const encode = Codec.encoder(schema as Schema.Schema<unknown, unknown, never>)
  const options = { status, contentType: encoding.contentType }
  return (value) =>
    Either.match(encode(value), {
      // The value came from our own services: not encoding it is a defect (a 500), not a bad request.
      onLeft: (error) => Effect.die(error),
      onRight: (body) => Effect.orDie(HttpServerResponse.json(body, options))
    })
}

/** A group's handlers answering with compiled encoders of their endpoints' success schemas. */
export const compiledResponses = <E, Provides, R, Endpoints extends HttpApiEndpoint.HttpApiEndpoint.Any>(
  handlers: HttpApiBuilder.Handlers<E, Provides, R, Endpoints>
): HttpApiBuilder.Handlers<E, Provides, R, Endpoints> => {
  const items = Chunk.map(handlers.handlers, (item): HttpApiBuilder.Handlers.Item<E, R> => {
    const respond = successResponder(item.endpoint)
    if (respond === undefined) return item
    return {
      ...item,
      handler: (request) =>
        Effect.flatMap(item.handler(request), (value) =>
          HttpServerResponse.isServerResponse(value) ? Effect.succeed(value) : respond(value)
        )
    }
  })
  return Object.assign(Object.create(Object.getPrototypeOf(handlers)), handlers, { handlers: items })
}
