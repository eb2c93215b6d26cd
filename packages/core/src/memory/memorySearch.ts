import type { SearchDocument, SearchHit } from "../domain/Search.js"
import { searchTerms, TITLE_WEIGHT } from "../domain/Search.js"
import type { SearchRequest } from "../ports/SearchIndex.js"

// The reference search semantics: every term must prefix-match a word of the title or body; a title
// match counts TITLE_WEIGHT times a body match; best first, ties by entity id.

const matches = (words: ReadonlyArray<string>, term: string) => words.filter((w) => w.startsWith(term)).length

/** The score of a document for the terms, or `null` when a term matches nowhere. */
export const scoreDocument = (doc: SearchDocument, terms: ReadonlyArray<string>): number | null => {
  const title = searchTerms(doc.title)
  const body = searchTerms(doc.body)
  let score = 0
  for (const term of terms) {
    const inTitle = matches(title, term)
    const inBody = matches(body, term)
    if (inTitle + inBody === 0) return null
    score += TITLE_WEIGHT * inTitle + inBody
  }
  return score
}

/** Runs a search request over documents. */
export const searchDocuments = (
  documents: ReadonlyArray<SearchDocument>,
  request: SearchRequest
): ReadonlyArray<SearchHit> => {
  const hits: Array<SearchHit> = []
  for (const doc of documents) {
    if (request.types !== undefined && !request.types.includes(doc.entityType)) continue
    if (request.clientId !== undefined && doc.clientId !== request.clientId) continue
    if (request.projectId !== undefined && doc.projectId !== request.projectId) continue
    const score = scoreDocument(doc, request.terms)
    if (score === null) continue
    const { body: _, ...hit } = doc
    hits.push({ ...hit, score })
  }
  return hits
    .sort((a, b) => b.score - a.score || (a.entityId < b.entityId ? -1 : a.entityId > b.entityId ? 1 : 0))
    .slice(request.offset, request.offset + request.limit)
}
