import { SearchIndex, type SearchRequest, TITLE_WEIGHT } from "@agency-crm/core"
import { type Db, fragment, inList, SearchHitRow, where } from "@agency-crm/sql"

/** Each folded term as an FTS5 prefix query; all of them must match. */
const matchExpression = (terms: ReadonlyArray<string>) => terms.map((t) => `"${t.replaceAll('"', '""')}"*`).join(" ")

/** Full-text search on the FTS5 index that the triggers of migration 0002 keep in step. */
export const makeSearchIndex = (db: Db) =>
  SearchIndex.of({
    search: (request: SearchRequest) => {
      const condition = where([
        fragment("search_fts MATCH ?", matchExpression(request.terms)),
        ...(request.types === undefined ? [] : [inList("d.entityType", request.types)]),
        ...(request.clientId === undefined ? [] : [fragment("d.clientId = ?", request.clientId)]),
        ...(request.projectId === undefined ? [] : [fragment("d.projectId = ?", request.projectId)])
      ])
      return db.runDecoded(
        SearchHitRow,
        "search",
        `SELECT d.entityType, d.entityId, d.clientId, d.projectId, f.title AS title,
            -bm25(search_fts, ${TITLE_WEIGHT}.0, 1.0) AS score
          FROM search_fts AS f JOIN search_docs AS d ON d.docid = f.rowid
          WHERE ${condition.text}
          ORDER BY score DESC, d.entityId ASC LIMIT ? OFFSET ?`,
        [...condition.params, request.limit, request.offset]
      )
    }
  })
