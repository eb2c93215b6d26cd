/** @agency-crm/core: the agency CRM domain, its use cases as Effect services, and the storage ports. */

export * as Crm from "./Crm.js"
/** Decoders, encoders and validators compiled from schemas: Effect's results and errors, for hot paths. */
export * as Codec from "./codec/Codec.js"
/** The in-memory storage adapter: every port, transactional; for tests, prototypes and small tools. */
export * as MemoryStore from "./memory/MemoryStore.js"

/** Declaring an aggregate once: id, class, filters, sorts, references, events and permissions. */
export * as Aggregate from "./aggregate/Aggregate.js"
/** The kinds of list filter an aggregate declares, with their reference semantics. */
export * as Filters from "./aggregate/Filters.js"
/** The kinds of sort field an aggregate declares. */
export * as Sorts from "./aggregate/Sorts.js"
export type {
  AnyAggregate,
  EntityOf,
  EventRefs,
  FilterOfAggregate,
  ListQueryOf,
  OnDelete,
  Reference,
  RepositoryOf,
  SortFieldOf,
  Stored
} from "./aggregate/Aggregate.js"
export { fieldOf, type FilterKind, type FilterOf, type FilterSpec } from "./aggregate/Filters.js"
export type { SortSpec } from "./aggregate/Sorts.js"
export {
  aggregateOf,
  type AggregateName,
  aggregates,
  type AnyRepository,
  type Dependent,
  dependentsOf,
  plainAggregates,
  type Registered,
  repositoryContext,
  repositoryIn,
  type RepositoryPorts
} from "./aggregate/registry.js"
export { type CamelCase, camelCase, pascalCase } from "./aggregate/names.js"

export * from "./domain/Actor.js"
export * from "./domain/Allocation.js"
export * from "./domain/ApiKey.js"
export * from "./domain/Client.js"
export * from "./domain/Contact.js"
export * from "./domain/EntityType.js"
export * from "./domain/Errors.js"
export * from "./domain/Ids.js"
export * from "./domain/Idempotency.js"
export * from "./domain/Interaction.js"
export * from "./domain/Market.js"
export * as MasterData from "./domain/MasterData.js"
export type { CreateMasterDataInput, UpdateMasterDataInput } from "./domain/MasterData.js"
export * from "./domain/Opportunity.js"
export * from "./domain/Origination.js"
export * from "./domain/Position.js"
export * from "./domain/StageChange.js"
export * as LocalDates from "./domain/LocalDate.js"
export { LocalDate } from "./domain/LocalDate.js"
export * from "./domain/Money.js"
export * from "./domain/Paging.js"
export { decodeCursor, encodeCursor, opaqueCursor } from "./services/cursors.js"
export * from "./domain/Policy.js"
export * from "./domain/Progress.js"
export * from "./domain/Project.js"
export * from "./domain/ProjectDetail.js"
export * from "./domain/Review.js"
export * from "./domain/Role.js"
export * from "./domain/SalesReports.js"
export * from "./domain/ClientReports.js"
export * from "./domain/DeliveryReports.js"
export * from "./domain/ActivityReport.js"
export * from "./domain/RetentionReport.js"
export * from "./domain/ProjectsReport.js"
export * from "./domain/Search.js"
export * from "./domain/SearchDocuments.js"
export * from "./domain/Transfer.js"
export * from "./domain/PersonalData.js"
export * from "./domain/Task.js"
export * from "./domain/TeamMember.js"
export * from "./domain/Text.js"
export * from "./events/Timeline.js"
export * from "./domain/Tracking.js"
export * from "./domain/Workload.js"
export { foldedKey, type ListSpec } from "./domain/Entity.js"
export { DEFAULT_MASTER_DATA, defaultMasterDataRows } from "./domain/masterDataDefaults.js"
export type { TransitionRefused, TransitionTable } from "./domain/Lifecycle.js"
export { checkTransition } from "./domain/Lifecycle.js"
export {
  findMalformed,
  type FormattedIssue,
  fromIssues,
  fromParseError,
  invalidField,
  MAX_INPUT_DEPTH,
  validate
} from "./domain/Validation.js"

export * from "./events/DomainEvent.js"
export { EventFeed, type EventSink, FEED_BATCH, FeedPollInterval } from "./services/EventFeed.js"
export { EventWakeups } from "./events/EventWakeups.js"

export * from "./ports/ApiKeyLookup.js"

export * from "./ports/EventLog.js"
export * from "./ports/IdGenerator.js"
export * from "./ports/IdempotencyRepository.js"
export type { Repository } from "./ports/Repository.js"
export * from "./ports/SearchIndex.js"
export * from "./ports/SecretHasher.js"
export * from "./ports/StoragePorts.js"
export * from "./ports/StoreTransaction.js"
export * from "./ports/TaskStatistics.js"

export { Access, type AccessError, type Guarded } from "./services/Access.js"
export {
  ApiKeys,
  type Authenticated,
  type Bootstrapped,
  BootstrapInput,
  LAST_USED_PRECISION_MS
} from "./services/ApiKeys.js"
export { type GuardedService, type OperationRule, operationPolicy } from "./services/operationPolicy.js"
export { Clients } from "./services/Clients.js"
export { Contacts } from "./services/Contacts.js"
export {
  DEFAULT_IDEMPOTENCY_RETENTION,
  Idempotency,
  type IdempotentRequest,
  type RequestOutcome
} from "./services/Idempotency.js"
export { Interactions } from "./services/Interactions.js"
export { allowedMoves, type HistoryQuery, Opportunities } from "./services/Opportunities.js"
export { DETAIL_RECENT_INTERACTIONS, Projects } from "./services/Projects.js"
export { Allocations } from "./services/Allocations.js"
export { Dependents, type RemovalError } from "./services/Dependents.js"
export { type DerivedService, type PlainAggregate, type ServiceOf, serviceOf } from "./services/derived.js"
export { crudService } from "./services/crudService.js"
export { Reviews } from "./services/Reviews.js"
export { SalesReports } from "./services/SalesReports.js"
export { ClientReports } from "./services/ClientReports.js"
export { DeliveryReports } from "./services/DeliveryReports.js"
export { Search } from "./services/Search.js"
export { DataTransfer, type ImportSource, type RejectSink, transferColumns } from "./services/DataTransfer.js"
export { toCell } from "./services/cells.js"
export { PersonalData } from "./services/PersonalData.js"
export { PersonalDataDocument } from "./events/PersonalDataDocument.js"
export { Tasks } from "./services/Tasks.js"
export { Team } from "./services/Team.js"
export { Timeline } from "./services/Timeline.js"
export { Tracking } from "./services/Tracking.js"
export { type Principal, UnitOfWork } from "./services/UnitOfWork.js"

/** Plugins: checks inside writes, consumers of the event log, their own tables and services. */
export * as Plugins from "./plugins/index.js"
export * from "./ports/ConsumerPositions.js"
export * from "./ports/Erasure.js"
export * from "./ports/PluginTables.js"
export * from "./domain/PluginErrors.js"
export * from "./plugins/PluginStatus.js"
export { eventTypeMatches, type EventPattern } from "./events/eventPatterns.js"
export { WriteChecks } from "./services/WriteChecks.js"
export { PluginHost } from "./plugins/Plugins.js"
export type { AnyPlugin, Consumer, Contribution, Plugin, ProvidesOf, RequiresOf } from "./plugins/Plugin.js"
/** Reads every entity a repository holds that matches `filter`, a page at a time (for exports and bulk jobs). */
export { forEachMatching } from "./services/paging.js"
