import { assert, describe, it } from "@effect/vitest"
import { Effect, FastCheck as fc } from "effect"
import { baseUrl, bearer, client, keyFor, TestServer } from "./support.js"
import { arbitraryOf, type JsonSchema, mutated, oddStrings, oddValues } from "./schemaArbitrary.js"

interface Parameter {
  readonly name: string
  readonly in: "path" | "query" | "header"
  readonly schema: JsonSchema
}

interface Operation {
  readonly method: string
  readonly path: string
  readonly parameters: ReadonlyArray<Parameter>
  readonly body: JsonSchema | undefined
}

/** How long any response may take: a request that takes longer is a hang. */
const RESPONSE_BUDGET_MS = 2_000
/** How many requests one run sends at most, and for how long. */
const RUNS = 3_000
const TIME_LIMIT_MS = 40_000

/** A realistic agency through the API, and the ids of what it holds, by the field names that refer to them. */
const seedWorld = Effect.gen(function* () {
  const api = yield* client()
  const manager = yield* api.team.create({ payload: { name: "Marta", email: "marta@agency.test", role: "manager" } })
  const member = yield* api.team.create({ payload: { name: "Leo", email: "leo@agency.test" } })
  const viewer = yield* api.team.create({ payload: { name: "Vera", email: "vera@agency.test", role: "viewer" } })
  const key = yield* api.apiKeys.create({ payload: { memberId: member.id, name: "fuzz" } })
  const client1 = yield* api.clients.create({ payload: { name: "Café Aurora", kind: "client" } })
  const client2 = yield* api.clients.create({ payload: { name: "Nordwind GmbH" } })
  const contact = yield* api.contacts.create({ payload: { clientId: client1.id, name: "Ana Gómez" } })
  const project = yield* api.projects.create({
    payload: { clientId: client1.id, name: "Local SEO", campaignType: "seo", managerId: manager.id }
  })
  const task = yield* api.tasks.create({ payload: { projectId: project.id, title: "Audit", assigneeId: member.id } })
  const allocation = yield* api.allocations.create({
    payload: { kind: "human", projectId: project.id, memberId: member.id, role: "SEO", hours: 10 }
  })
  const logged = yield* api.interactions.create({
    payload: { clientId: client1.id, projectId: project.id, kind: "call", summary: "Kick-off" }
  })
  const review = yield* api.reviews.create({ payload: { projectId: project.id, summary: "On track" } })
  // The viewer is left out of what requests may change: its key keeps the viewer's runs authenticated.
  const members = [manager.id, member.id]
  const ids: Record<string, ReadonlyArray<string>> = {
    "team-members": members,
    "api-keys": [key.apiKey.id],
    clients: [client1.id, client2.id],
    contacts: [contact.id],
    projects: [project.id],
    tasks: [task.id],
    allocations: [allocation.id],
    interactions: [logged.interaction.id],
    reviews: [review.id]
  }
  const byField: Record<string, ReadonlyArray<string>> = {
    clientId: ids["clients"]!,
    contactId: ids["contacts"]!,
    projectId: ids["projects"]!,
    taskId: ids["tasks"]!,
    memberId: members,
    managerId: members,
    assigneeId: members,
    ownerId: members,
    reviewerId: members,
    originInteractionId: ids["interactions"]!,
    feedbackInteractionId: ids["interactions"]!,
    entityId: Object.values(ids).flat(),
    q: ["aurora", "café", "audit", ...oddStrings],
    limit: ["1", "50", "200", "0", "201", "-1", "0x10", "1e1", " 5", "5.0"],
    cursor: ["", "x", "WyJhIl0", "eyJiZWZvcmUiOjF9", "W10", "bnVsbA", "WyJuYW1lS2V5IiwiYXNjIixudWxsLCIiXQ"],
    sortBy: ["name", "createdAt", "dueDate", "priority", "occurredAt", "nope"],
    order: ["asc", "desc", "up"],
    status: ["todo", "todo,blocked", "active,on_hold", ",", "todo,,done", "nope"],
    priority: ["high", "low,urgent", "x"],
    kind: ["client", "call", "human", "call,email", "x"],
    types: ["client", "task,project", "x"],
    today: ["2026-03-01", "2026-02-30", "yesterday"],
    dueFrom: ["2026-03-01", "0000-01-01"],
    dueBefore: ["2026-12-31", "9999-12-31"],
    occurredFrom: ["2026-01-01T00:00:00Z", "2026-01-01"],
    occurredBefore: ["2027-01-01T00:00:00.000Z", "not a time"],
    days: ["0", "7", "366", "367", "-1"],
    after: ["0", "5", "99999999999", "-1"],
    active: ["true", "false", "yes"],
    archived: ["true", "1"],
    unassigned: ["true", "false"],
    isPrimary: ["true", "false"],
    revoked: ["false", "maybe"],
    role: ["admin", "viewer", "root"],
    email: ["marta@agency.test", "not-an-email"],
    campaignType: ["seo", "x"]
  }
  const viewerKey = yield* keyFor(viewer.id)
  return { ids, byField, viewerKey }
})

const operationsOf = (document: {
  readonly paths: Record<string, Record<string, { parameters?: ReadonlyArray<Parameter>; requestBody?: any }>>
}): ReadonlyArray<Operation> =>
  Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, operation]) => ({
      method: method.toUpperCase(),
      path,
      parameters: operation.parameters ?? [],
      body: operation.requestBody?.content?.["application/json"]?.schema
    }))
  )

interface Outcome {
  readonly request: string
  readonly status: number | "timeout" | "network error"
}

describe("fuzzing the served OpenAPI document", () => {
  it.live(
    "every operation, with valid and mutated requests: no 5xx, and every answer within 2 s",
    () =>
      Effect.gen(function* () {
        const world = yield* seedWorld
        const url = yield* baseUrl
        const document = (yield* Effect.promise(() =>
          fetch(`${url}/openapi.json`).then((r) => r.json())
        )) as Parameters<typeof operationsOf>[0] & {
          readonly components: { readonly schemas: Record<string, JsonSchema> }
        }
        const components = document.components.schemas
        const operations = operationsOf(document)
        assert.isAbove(operations.length, 60)
        const known = (field: string) => world.byField[field] ?? []

        const pathValue = (operation: Operation, parameter: Parameter): fc.Arbitrary<string> => {
          const resource = operation.path.split("/")[1] ?? ""
          const real = parameter.name === "id" ? (world.ids[resource] ?? []) : known(parameter.name)
          const valid = arbitraryOf(parameter.schema, components, known, parameter.name).map(String)
          return fc.oneof(
            { arbitrary: real.length > 0 ? fc.constantFrom(...real) : valid, weight: 4 },
            { arbitrary: valid, weight: 2 },
            { arbitrary: fc.constantFrom(...oddStrings), weight: 2 },
            { arbitrary: fc.string({ unit: "binary", maxLength: 12 }), weight: 1 }
          )
        }
        const queryValue = (parameter: Parameter): fc.Arbitrary<string> =>
          fc.oneof(
            {
              arbitrary: known(parameter.name).length > 0 ? fc.constantFrom(...known(parameter.name)) : fc.string(),
              weight: 4
            },
            { arbitrary: arbitraryOf(parameter.schema, components, known, parameter.name).map(String), weight: 2 },
            { arbitrary: fc.constantFrom(...oddStrings), weight: 2 },
            { arbitrary: fc.string({ unit: "binary", maxLength: 12 }), weight: 1 }
          )
        const ifMatch = fc.constantFrom(undefined, '"1"', '"2"', "*", 'W/"1"', '"1", "1"', '"1", "2"', "0", "x", '""')
        const mediaType = fc.oneof(
          { arbitrary: fc.constant("application/json"), weight: 8 },
          {
            arbitrary: fc.constantFrom(
              "application/json; charset=utf-8",
              "application/vnd.api+json",
              "multipart/form-data; boundary=x",
              "text/plain",
              "application/x-www-form-urlencoded",
              ""
            ),
            weight: 2
          }
        )
        const bodyText = (schema: JsonSchema): fc.Arbitrary<string> => {
          const valid = arbitraryOf(schema, components, known)
          return fc.oneof(
            { arbitrary: valid.map((v) => JSON.stringify(v)), weight: 4 },
            { arbitrary: mutated(valid).map((v) => JSON.stringify(v) ?? "null"), weight: 4 },
            { arbitrary: oddValues.map((v) => JSON.stringify(v) ?? ""), weight: 1 },
            { arbitrary: fc.constantFrom('{"', "", "[", "nul", '{"a":1,}', "\u0000", "{}"), weight: 1 }
          )
        }

        const requestOf = (operation: Operation) =>
          fc.record({
            path: fc.tuple(
              ...operation.parameters
                .filter((p) => p.in === "path")
                .map((p) => pathValue(operation, p).map((value) => [p.name, value] as const))
            ),
            query: fc.tuple(
              ...operation.parameters
                .filter((p) => p.in === "query")
                .map((p) =>
                  fc
                    .oneof({ arbitrary: fc.constant(undefined), weight: 3 }, { arbitrary: queryValue(p), weight: 1 })
                    .map((value) => [p.name, value] as const)
                )
            ),
            ifMatch,
            body:
              operation.body === undefined
                ? fc.constant(undefined)
                : fc.option(bodyText(operation.body), { freq: 8, nil: undefined }),
            mediaType,
            encoding: fc.constantFrom(undefined, undefined, undefined, undefined, "identity", "gzip"),
            asViewer: fc.boolean()
          })

        const outcomes: Array<Outcome> = []
        const send = async (operation: Operation, request: fc.RecordValue<any>) => {
          let path = operation.path
          for (const [name, value] of request.path as ReadonlyArray<readonly [string, string]>) {
            path = path.replace(`{${name}}`, encodeURIComponent(value))
          }
          const query = new URLSearchParams()
          for (const [name, value] of request.query as ReadonlyArray<readonly [string, string | undefined]>) {
            if (value !== undefined) query.set(name, value)
          }
          const target = `${path}${query.size > 0 ? `?${query}` : ""}`
          const headers: Record<string, string> = bearer(request.asViewer ? world.viewerKey : undefined)
          if (request.ifMatch !== undefined) headers["if-match"] = request.ifMatch
          if (request.body !== undefined && request.mediaType !== "") headers["content-type"] = request.mediaType
          if (request.encoding !== undefined) headers["content-encoding"] = request.encoding
          const label = `${operation.method} ${target} ${JSON.stringify(headers)} ${String(request.body).slice(0, 300)}`
          try {
            const response = await fetch(`${url}${target}`, {
              method: operation.method,
              headers,
              ...(request.body === undefined ? {} : { body: request.body }),
              signal: AbortSignal.timeout(RESPONSE_BUDGET_MS)
            })
            // An event stream never ends: its status is all there is to check.
            if (operation.path === "/events") await response.body?.cancel()
            else await response.arrayBuffer()
            outcomes.push({ request: label, status: response.status })
            return response.status
          } catch (error) {
            const status = (error as Error).name === "TimeoutError" ? "timeout" : "network error"
            outcomes.push({ request: label, status })
            return status
          }
        }

        const property = fc.asyncProperty(
          fc.constantFrom(...operations).chain((operation) => fc.tuple(fc.constant(operation), requestOf(operation))),
          async ([operation, request]) => {
            const status = await send(operation, request)
            return typeof status === "number" && status < 500
          }
        )
        const result = yield* Effect.promise(() =>
          fc.check(property, {
            numRuns: RUNS,
            interruptAfterTimeLimit: TIME_LIMIT_MS,
            markInterruptAsFailure: false,
            // A failure names its seed; FUZZ_SEED replays that run.
            ...(process.env["FUZZ_SEED"] === undefined ? {} : { seed: Number(process.env["FUZZ_SEED"]) })
          })
        )
        const failures = outcomes.filter((o) => typeof o.status !== "number" || o.status >= 500)
        assert.strictEqual(failures.length, 0, `seed ${result.seed}: ${JSON.stringify(failures.slice(0, 5), null, 1)}`)
        assert.isFalse(result.failed, fc.defaultReportMessage(result) ?? "")
        // The run covered the API: most operations were called, and requests were both accepted and refused.
        const statuses = new Set(outcomes.map((o) => o.status))
        assert.isAbove(outcomes.length, 200)
        assert.isTrue([200, 201].some((s) => statuses.has(s)) && statuses.has(400), [...statuses].join(","))
      }).pipe(Effect.provide(TestServer())),
    120_000
  )
})
