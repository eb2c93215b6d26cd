import { Effect, Schema } from "effect"
import { DEFAULT_LIMIT, type Page } from "../domain/Paging.js"
import { opaqueCursor } from "./cursors.js"
import { type SearchHit, SearchQuery, searchTerms } from "../domain/Search.js"
import { invalidField, validate } from "../domain/Validation.js"
import { SearchIndex } from "../ports/SearchIndex.js"
import { Access } from "./Access.js"

const searchCursor = opaqueCursor(Schema.parseJson(Schema.Struct({ offset: Schema.Int })), "search")

/** Full-text search across clients, contacts, projects, tasks and interactions. */
export class Search extends Effect.Service<Search>()("@agency-crm/core/Search", {
  dependencies: [Access.Default],
  effect: Effect.gen(function* () {
    const access = yield* Access
    const index = yield* SearchIndex
    const validateQuery = validate(SearchQuery)

    /** Ranked matches of every word of `q` as a prefix, accent- and case-insensitive; paged by `cursor`. */
    const search = Effect.fn("Search.search")(function* (query: SearchQuery) {
      const q = yield* validateQuery(query)
      const terms = searchTerms(q.q)
      if (terms.length === 0) return yield* invalidField("q", "needs at least one letter or digit")
      const limit = q.limit ?? DEFAULT_LIMIT
      const offset = q.cursor === undefined ? 0 : (yield* searchCursor.decode(q.cursor)).offset
      const hits = yield* index.search({
        terms,
        types: q.types,
        clientId: q.clientId,
        projectId: q.projectId,
        limit: limit + 1,
        offset
      })
      const page: Page<SearchHit> =
        hits.length > limit
          ? { items: hits.slice(0, limit), nextCursor: searchCursor.encode({ offset: offset + limit }) }
          : { items: hits, nextCursor: null }
      return page
    })

    return access.guard("Search", { search })
  })
}) {}
