import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { baseUrl, TestServer } from "./support.js"

// What each operation can answer besides its success, as the served document must say it: the API-wide
// statuses, and on each operation exactly those its handler, its body and its headers can produce. The handlers'
// types already refuse an error their endpoint does not declare; this pins the other direction, so no operation
// claims a status it cannot return (as `/health` once claimed 404, 409, 412 and 422).
const wide = [400, 401, 403, 429, 500]
const one = [404]
const body = [408, 413, 415]
// Any write may be refused by a rule, the CRM's or a plugin's check inside the write (422).
const post = [...body, 422]
const conditional = [404, 409, 412, 422, 428]

// A master-data list: names collide (409), archived entries in use are refused a delete (409).
const masterData = (path: string): Record<string, ReadonlyArray<number>> => ({
  [`GET /${path}`]: [],
  [`POST /${path}`]: [...post, 409],
  [`GET /${path}/{id}`]: one,
  [`PATCH /${path}/{id}`]: [...body, ...conditional],
  [`DELETE /${path}/{id}`]: conditional,
  [`POST /${path}/{id}/archive`]: [...conditional, 422],
  [`POST /${path}/{id}/restore`]: [...conditional, 422]
})

const expected: Record<string, ReadonlyArray<number>> = {
  "GET /team-members": [],
  "POST /team-members": [...post, 409],
  "GET /team-members/{id}": one,
  "PATCH /team-members/{id}": [...body, ...conditional, 409, 422],
  "DELETE /team-members/{id}": [...conditional, 422],
  "GET /team-members/{id}/work": one,
  "GET /me": one,
  "GET /api-keys": [],
  "POST /api-keys": post,
  "GET /api-keys/{id}": one,
  "POST /api-keys/{id}/revoke": [404, 409, 422],
  "GET /clients": [],
  "POST /clients": post,
  "GET /clients/{id}": one,
  "PATCH /clients/{id}": [...body, ...conditional, 422],
  "DELETE /clients/{id}": conditional,
  "POST /clients/{id}/archive": [...conditional, 422],
  "POST /clients/{id}/restore": [...conditional, 422],
  "GET /clients/{id}/timeline": one,
  "GET /contacts": [],
  "POST /contacts": [...post, 404, 409],
  "GET /contacts/{id}": one,
  "PATCH /contacts/{id}": [...body, ...conditional, 422],
  "DELETE /contacts/{id}": conditional,
  "GET /projects": [],
  "POST /projects": [...post, 404, 409],
  "GET /projects/{id}": one,
  "PATCH /projects/{id}": [...body, ...conditional, 422],
  "DELETE /projects/{id}": conditional,
  "POST /projects/{id}/transition": [...post, ...conditional],
  "POST /projects/{id}/complete": [...post, ...conditional],
  "POST /projects/{id}/close": [...post, ...conditional],
  "GET /projects/{id}/detail": one,
  "GET /projects/{id}/progress": one,
  "GET /projects/{id}/timeline": one,
  "GET /tasks": [],
  "POST /tasks": post,
  "GET /tasks/{id}": one,
  "PATCH /tasks/{id}": [...body, ...conditional, 422],
  "DELETE /tasks/{id}": conditional,
  "POST /tasks/{id}/assign": [...post, ...conditional],
  "POST /tasks/{id}/transition": [...post, ...conditional],
  "GET /allocations": [],
  "POST /allocations": post,
  "GET /allocations/{id}": one,
  "PATCH /allocations/{id}": [...body, ...conditional, 422],
  "DELETE /allocations/{id}": conditional,
  "GET /interactions": [],
  "POST /interactions": post,
  "GET /interactions/{id}": one,
  "PATCH /interactions/{id}": [...body, ...conditional, 422],
  "DELETE /interactions/{id}": conditional,
  "GET /opportunities": [],
  "POST /opportunities": post,
  "GET /opportunities/{id}": one,
  "PATCH /opportunities/{id}": [...body, ...conditional, 422],
  "DELETE /opportunities/{id}": conditional,
  "POST /opportunities/{id}/move": [...post, ...conditional],
  "POST /opportunities/{id}/resume": [...post, ...conditional],
  "POST /opportunities/{id}/reopen": [...post, ...conditional],
  "POST /opportunities/{id}/win": [...post, ...conditional],
  "GET /opportunities/{id}/history": one,
  "GET /pipeline": [],
  ...masterData("originations"),
  ...masterData("markets"),
  ...masterData("positions"),
  "GET /reviews": [],
  "POST /reviews": post,
  "GET /reviews/{id}": one,
  "PATCH /reviews/{id}": [...body, ...conditional],
  "DELETE /reviews/{id}": conditional,
  "GET /reports/sales/pipeline": [],
  "GET /reports/sales/forecast": [],
  "GET /reports/sales/conversion": [],
  "GET /reports/sales/wins": [],
  "GET /reports/sales/revenue": [],
  "GET /reports/clients/satisfaction": [],
  "GET /reports/clients/response-time": [],
  "GET /reports/clients/activity": [],
  "GET /reports/clients/retention": [],
  "GET /reports/delivery": [],
  "GET /reports/delivery/projects": [],
  "GET /tracking/overdue": [],
  "GET /tracking/due-soon": [],
  "GET /tracking/workload": [],
  "GET /history/{entityType}/{entityId}": [],
  "GET /search": [],
  "GET /events": [],
  "GET /plugins": [],
  "POST /data/imports/{kind}": post,
  "GET /data/exports/{kind}": [],
  "GET /contacts/{id}/personal-data": one,
  "POST /contacts/{id}/erase": [404, 422],
  "GET /health": [503]
}

describe("error statuses in the served OpenAPI document", () => {
  it.effect(
    "each operation lists exactly the statuses it can return; only 400, 401, 403, 429 and 500 are API-wide",
    () =>
      Effect.gen(function* () {
        const url = yield* baseUrl
        const document = (yield* Effect.promise(() => fetch(`${url}/openapi.json`).then((r) => r.json()))) as {
          readonly paths: Record<string, Record<string, { readonly responses: Record<string, unknown> }>>
        }
        const listed: Record<string, ReadonlyArray<number>> = {}
        for (const [path, item] of Object.entries(document.paths)) {
          for (const [method, operation] of Object.entries(item)) {
            listed[`${method.toUpperCase()} ${path}`] = Object.keys(operation.responses)
              .map(Number)
              .filter((status) => status >= 400)
              .sort((a, b) => a - b)
          }
        }
        const want = Object.fromEntries(
          Object.entries(expected).map(([operation, statuses]) => [
            operation,
            [...new Set([...wide, ...statuses])].sort((a, b) => a - b)
          ])
        )
        assert.deepStrictEqual(listed, want)
      }).pipe(Effect.provide(TestServer()))
  )
})
