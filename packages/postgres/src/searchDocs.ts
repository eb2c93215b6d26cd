import { type SearchDocument, searchTerms, type Stored } from "@agency-crm/core"
import type { Db, RepositoryHooks, TableSpec } from "@agency-crm/sql"
import { Effect } from "effect"

const folded = (text: string) => searchTerms(text).join(" ")

const indexSql = `INSERT INTO search_docs (entityType, entityId, clientId, projectId, title, document)
  VALUES (?, ?, ?, ?, ?, setweight(to_tsvector('simple', ?), 'A') || setweight(to_tsvector('simple', ?), 'B'))
  ON CONFLICT (entityType, entityId) DO UPDATE SET clientId = excluded.clientId, projectId = excluded.projectId,
    title = excluded.title, document = excluded.document`

/** The search documents, kept by the repositories in the writing transaction with core's own folding of the text
 * (so `gestion` finds `Gestión` exactly as the reference does): each document holds the folded words. */
export const searchDocs = (db: Db, search: ((entity: any) => SearchDocument) | undefined): RepositoryHooks =>
  search === undefined
    ? {}
    : {
        written: (spec: TableSpec<Stored, any, any, any>, entity: Stored) => {
          const doc = search(entity)
          return Effect.asVoid(
            db.run(`${spec.table}.index`, indexSql, [
              doc.entityType,
              doc.entityId,
              doc.clientId,
              doc.projectId,
              doc.title,
              folded(doc.title),
              folded(doc.body)
            ])
          )
        },
        removed: (spec: TableSpec<Stored, any, any, any>, ids: ReadonlyArray<string>) =>
          Effect.asVoid(
            db.run(
              `${spec.table}.unindex`,
              `DELETE FROM search_docs WHERE entityType = ? AND entityId IN (${ids.map(() => "?").join(", ")})`,
              [spec.entity, ...ids]
            )
          )
      }
