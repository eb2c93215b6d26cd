import { ApiKeys } from "@agency-crm/core"
import { HttpApiBuilder } from "@effect/platform"
import { Effect } from "effect"
import { CrmApi } from "../api/Api.js"
import { compiledResponses } from "./compiledResponses.js"
import { withEtag } from "./conditional.js"

/** Handlers of the API-key group. */
export const ApiKeysLive = HttpApiBuilder.group(CrmApi, "apiKeys", (handlers) =>
  Effect.map(
    Effect.map(ApiKeys, (keys) =>
      handlers
        .handle("list", ({ urlParams }) => keys.list(urlParams))
        .handle("create", ({ payload }) => keys.create(payload))
        .handle("get", ({ path }) => Effect.flatMap(keys.get(path.id), withEtag))
        .handle("revoke", ({ path }) => Effect.flatMap(keys.revoke(path.id), withEtag))
    ),
    compiledResponses
  )
)
