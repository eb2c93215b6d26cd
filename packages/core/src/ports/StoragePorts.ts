import type { RepositoryPorts } from "../aggregate/registry.js"
import type { ApiKeyLookup } from "./ApiKeyLookup.js"
import type { ConsumerPositions } from "./ConsumerPositions.js"
import type { PluginTables } from "./PluginTables.js"
import type { Erasure } from "./Erasure.js"
import type { EventLog } from "./EventLog.js"
import type { IdempotencyRepository } from "./IdempotencyRepository.js"
import type { SearchIndex } from "./SearchIndex.js"
import type { StoreTransaction } from "./StoreTransaction.js"
import type { TaskStatistics } from "./TaskStatistics.js"

/** Every storage port: what a storage adapter's layer provides (a repository per registered aggregate, and the
 * reads, log, index, transaction, consumer positions, plugin tables and erasure beside them). */
export type StoragePorts =
  | RepositoryPorts
  | TaskStatistics
  | ApiKeyLookup
  | IdempotencyRepository
  | EventLog
  | SearchIndex
  | StoreTransaction
  | ConsumerPositions
  | PluginTables
  | Erasure
