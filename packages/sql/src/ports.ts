import {
  ApiKeyLookup,
  ClientId,
  ConsumerPositions,
  Erasure,
  type EventLogService,
  EventLog,
  IdempotencyRepository,
  PluginTables,
  ProjectId,
  repositoryContext,
  SearchableType,
  SearchIndex,
  type SearchIndexService,
  type StoragePorts,
  StoreTransaction,
  type StoreTransactionService,
  TaskStatistics
} from "@agency-crm/core"
import type { SqlClient } from "@effect/sql"
import { Context, Schema } from "effect"
import { makeApiKeyLookup } from "./ApiKeyLookupSql.js"
import { makeConsumerPositions } from "./ConsumerPositionsSql.js"
import { type ErasureParts, makeErasure } from "./ErasureSql.js"
import { makeIdempotencyRepository } from "./IdempotencyRepositorySql.js"
import { makePluginTables } from "./PluginTablesSql.js"
import type { Db } from "./sql.js"
import { makeRepository, type RepositoryHooks } from "./Table.js"
import { tableFor } from "./tables.js"
import { makeTaskStatistics } from "./TaskStatisticsSql.js"

/** A search hit as both adapters' search queries select it. */
export const SearchHitRow = Schema.Struct({
  entityType: SearchableType,
  entityId: Schema.String,
  clientId: Schema.NullOr(ClientId),
  projectId: Schema.NullOr(ProjectId),
  title: Schema.String,
  score: Schema.Number
})

/** What an adapter brings to the shared ports: its name, its event log, search, transactions and repository hooks. */
export interface AdapterParts {
  readonly adapter: string
  readonly eventLog: EventLogService
  readonly searchIndex: SearchIndexService
  readonly transaction: StoreTransactionService
  readonly hooks?: ((aggregate: { readonly search?: unknown }) => RepositoryHooks) | undefined
  readonly erasure: ErasureParts
}

/** Every core storage port on `db`: the shared ones, and the adapter's own parts. */
export const storagePorts = (db: Db, sql: SqlClient.SqlClient, parts: AdapterParts): Context.Context<StoragePorts> =>
  repositoryContext((aggregate) => makeRepository(db, tableFor(aggregate.name), parts.hooks?.(aggregate))).pipe(
    Context.add(TaskStatistics, makeTaskStatistics(db)),
    Context.add(ApiKeyLookup, makeApiKeyLookup(db)),
    Context.add(IdempotencyRepository, makeIdempotencyRepository(db)),
    Context.add(EventLog, parts.eventLog),
    Context.add(SearchIndex, parts.searchIndex),
    Context.add(StoreTransaction, parts.transaction),
    Context.add(ConsumerPositions, makeConsumerPositions(db)),
    Context.add(PluginTables, makePluginTables(sql, parts.adapter)),
    Context.add(Erasure, makeErasure(db, parts.erasure))
  )
