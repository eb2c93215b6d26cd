// The finishing touches the generated OpenAPI document needs to read well in other people's tools: linters,
// generators, docs viewers. Applied through `OpenApi.Transform`, so the document served, the docs page and
// `OpenApi.fromApi(CrmApi)` are the same.

type Json = Record<string, any>

const DECODE_ERROR = "#/components/schemas/HttpApiDecodeError"
const VALIDATION_FAILED = "#/components/schemas/ValidationFailed"

/** What `Idempotency-Key` does, documented once and referenced by every POST. */
const idempotencyKey = {
  name: "Idempotency-Key",
  in: "header",
  required: false,
  description:
    "Makes a retry safe: the first request with a key runs; a retry with the same key and request gets the " +
    "same answer without running again (`Idempotent-Replayed: true`); the same key with another request is a " +
    "422. Keys belong to the API key that sends them and are kept 24 hours.",
  schema: { type: "string", minLength: 1, maxLength: 255 }
}

const retryAfter = {
  description: "Seconds to wait before retrying.",
  schema: { type: "integer", minimum: 1 }
}

/** The error names a response schema lists, deduplicated, with the framework's decode error (which the server
 * never sends: its 400s are all `ValidationFailed`) folded into `ValidationFailed`. */
const cleanErrorSchema = (schema: Json): Json => {
  const alternatives: Array<Json> = schema["anyOf"] ?? [schema]
  const seen = new Set<string>()
  const kept: Array<Json> = []
  for (const alternative of alternatives) {
    const item = alternative["$ref"] === DECODE_ERROR ? { $ref: VALIDATION_FAILED } : alternative
    const key = JSON.stringify(item)
    if (seen.has(key)) continue
    seen.add(key)
    kept.push(item)
  }
  return kept.length === 1 ? kept[0]! : { ...schema, anyOf: kept }
}

const nameOf = (schema: Json): string | undefined => schema["$ref"]?.split("/").pop()

/** Removes the components nothing refers to any more (the decode error and its parts). */
const dropUnreferenced = (document: Json, names: ReadonlyArray<string>) => {
  const schemas: Json = document["components"]?.["schemas"] ?? {}
  for (const name of names) {
    const { [name]: _, ...rest } = schemas
    if (
      !JSON.stringify({ ...document, components: { ...document["components"], schemas: rest } }).includes(`/${name}"`)
    ) {
      delete schemas[name]
    }
  }
}

/** Adds servers, licence and contact, documents `Idempotency-Key` and `Retry-After`, and lists each error
 * response's schemas once. */
export const finishDocument = (spec: Json): Json => {
  const document = structuredClone(spec)
  document["servers"] ??= [{ url: "/", description: "The server that serves this document" }]
  document["info"] = {
    ...document["info"],
    license: { name: "MIT", identifier: "MIT" },
    contact: { name: "Agency CRM" }
  }
  for (const item of Object.values<Json>(document["paths"] ?? {})) {
    for (const [method, operation] of Object.entries<Json>(item)) {
      for (const [status, response] of Object.entries<Json>(operation["responses"] ?? {})) {
        const content = response["content"]?.["application/json"]
        if (status >= "400" && content?.["schema"] !== undefined) {
          content["schema"] = cleanErrorSchema(content["schema"])
          const alternatives: Array<Json> = content["schema"]["anyOf"] ?? [content["schema"]]
          const names = alternatives.map(nameOf).filter((name) => name !== undefined)
          if (names.length > 0) response["description"] = names.join(" or ")
        }
        if (status === "429") response["headers"] = { ...response["headers"], "Retry-After": retryAfter }
      }
      if (method === "post") {
        operation["parameters"] = [
          ...(operation["parameters"] ?? []),
          { $ref: "#/components/parameters/IdempotencyKey" }
        ]
      }
    }
  }
  document["components"] = {
    ...document["components"],
    parameters: { ...document["components"]?.["parameters"], IdempotencyKey: idempotencyKey }
  }
  dropUnreferenced(document, ["HttpApiDecodeError", "Issue", "PropertyKey"])
  return document
}
