import { ClientId, Cursor, MAX_LIMIT, Page, ProjectId, SearchableType, SearchHit } from "@agency-crm/core"
import { HttpApiEndpoint, HttpApiGroup, OpenApi } from "@effect/platform"
import { Schema } from "effect"
import { Authentication } from "./Authentication.js"
import { IntParam, ListParam } from "./params.js"

/** `GET /search` parameters. */
export const SearchParams = Schema.Struct({
  q: Schema.String.pipe(Schema.maxLength(200)),
  types: Schema.optional(ListParam(SearchableType)),
  clientId: Schema.optional(ClientId),
  projectId: Schema.optional(ProjectId),
  limit: Schema.optional(IntParam(1, MAX_LIMIT)),
  cursor: Schema.optional(Cursor)
})

/** Full-text search. */
export const SearchApi = HttpApiGroup.make("search")
  .add(
    HttpApiEndpoint.get("search", "/search")
      .setUrlParams(SearchParams)
      .addSuccess(Page(SearchHit))
      .annotate(OpenApi.Summary, "Search clients, contacts, projects, tasks and interactions")
      .annotate(OpenApi.Description, "Every word matches as a prefix, ignoring case and accents; best matches first.")
  )
  .middleware(Authentication)
  .annotate(OpenApi.Description, "Accent-insensitive full-text search with prefix matching.")
