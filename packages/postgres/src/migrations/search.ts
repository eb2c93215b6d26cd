// Full-text search: one document per searchable entity, its words folded by core (lower case, no diacritics) before
// they reach PostgreSQL, so matching is the reference's; the title weighs `TITLE_WEIGHT` times the body (see
// SearchIndexSql). The repositories keep the documents in step inside the writing transaction.

/** The search tables. */
export const searchStatements = [
  `CREATE TABLE search_docs (
    entityType TEXT COLLATE "C" NOT NULL,
    entityId TEXT COLLATE "C" NOT NULL,
    clientId TEXT COLLATE "C",
    projectId TEXT COLLATE "C",
    title TEXT NOT NULL,
    document tsvector NOT NULL,
    PRIMARY KEY (entityType, entityId)
  )`,
  `CREATE INDEX search_docs_by_document ON search_docs USING GIN (document)`
]
