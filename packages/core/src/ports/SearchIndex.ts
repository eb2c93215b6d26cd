import { Context, type Effect } from "effect"
import type { StorageError } from "../domain/Errors.js"
import type { ClientId, ProjectId } from "../domain/Ids.js"
import type { SearchableType, SearchHit } from "../domain/Search.js"

/** A full-text query as an adapter receives it: folded terms, each matched as a word prefix, all required. */
export interface SearchRequest {
  readonly terms: ReadonlyArray<string>
  readonly types: ReadonlyArray<SearchableType> | undefined
  readonly clientId: ClientId | undefined
  readonly projectId: ProjectId | undefined
  readonly limit: number
  readonly offset: number
}

/** Full-text search over clients, contacts, projects, tasks and interactions, kept in step with every write. */
export interface SearchIndexService {
  /** Matching documents, best first (title matches weigh 10× body matches), `offset` skipped, `limit` at most. */
  readonly search: (request: SearchRequest) => Effect.Effect<ReadonlyArray<SearchHit>, StorageError>
}

/** Full-text search over the stored entities. */
export class SearchIndex extends Context.Tag("@agency-crm/core/SearchIndex")<SearchIndex, SearchIndexService>() {}
