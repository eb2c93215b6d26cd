import { Schema } from "effect"
import { ClientId, ProjectId } from "./Ids.js"
import { Cursor, Limit } from "./Paging.js"

/** Entity types the full-text search covers. */
export const SearchableType = Schema.Literal("client", "contact", "project", "task", "interaction", "opportunity")
/** Entity types the full-text search covers. */
export type SearchableType = typeof SearchableType.Type

/** Query of `Search.search`: words matched as prefixes, accent- and case-insensitively, all required. */
export const SearchQuery = Schema.Struct({
  q: Schema.String.pipe(
    Schema.maxLength(200),
    Schema.filter((s) => s.trim().length > 0 || "must not be blank")
  ),
  types: Schema.optional(Schema.Array(SearchableType).pipe(Schema.minItems(1))),
  clientId: Schema.optional(ClientId),
  projectId: Schema.optional(ProjectId),
  limit: Schema.optional(Limit),
  cursor: Schema.optional(Cursor)
})
/** Query of `Search.search`. */
export type SearchQuery = typeof SearchQuery.Type

/** One search result: what was found, where it belongs, and how well it matched (higher is better). */
export const SearchHit = Schema.Struct({
  entityType: SearchableType,
  entityId: Schema.String,
  clientId: Schema.NullOr(ClientId),
  projectId: Schema.NullOr(ProjectId),
  title: Schema.String,
  score: Schema.Number
})
/** One search result. */
export type SearchHit = typeof SearchHit.Type

/** The searchable text of one entity: a title (weighted 10×) and a body. */
export interface SearchDocument {
  readonly entityType: SearchableType
  readonly entityId: string
  readonly clientId: ClientId | null
  readonly projectId: ProjectId | null
  readonly title: string
  readonly body: string
}

/** Weight of a title match relative to a body match. */
export const TITLE_WEIGHT = 10

/** Lower-cases and strips diacritics, so `Gestión` and `gestion` are the same word. */
export const foldText = (text: string): string =>
  text
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()

/** The words of a text, folded: runs of letters and digits. */
export const searchTerms = (text: string): ReadonlyArray<string> => foldText(text).match(/[\p{L}\p{N}]+/gu) ?? []
