import { SearchIndex, type SearchRequest, TITLE_WEIGHT } from "@agency-crm/core"
import { type Db, fragment, inList, SearchHitRow, where } from "@agency-crm/sql"

/** Each folded term as a prefix query; all of them must match. */
const query = (terms: ReadonlyArray<string>) => terms.map((t) => `'${t.replaceAll("'", "''")}':*`).join(" & ")

// ts_rank's weights, {D, C, B, A}: the body (B) counts 1/TITLE_WEIGHT of the title (A).
const weights = `'{0, 0, ${1 / TITLE_WEIGHT}, 1}'`

/** Full-text search on the documents the repositories keep. */
export const makeSearchIndex = (db: Db) =>
  SearchIndex.of({
    search: (request: SearchRequest) => {
      const condition = where([
        fragment("document @@ to_tsquery('simple', ?)", query(request.terms)),
        ...(request.types === undefined ? [] : [inList("entityType", request.types)]),
        ...(request.clientId === undefined ? [] : [fragment("clientId = ?", request.clientId)]),
        ...(request.projectId === undefined ? [] : [fragment("projectId = ?", request.projectId)])
      ])
      return db.runDecoded(
        SearchHitRow,
        "search",
        `SELECT entityType, entityId, clientId, projectId, title,
            ts_rank(${weights}, document, to_tsquery('simple', ?))::float8 AS score
          FROM search_docs WHERE ${condition.text}
          ORDER BY score DESC, entityId ASC LIMIT ? OFFSET ?`,
        [query(request.terms), ...condition.params, request.limit, request.offset]
      )
    }
  })
