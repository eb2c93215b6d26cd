import type { ApiKeyRepository } from "./ApiKeyRepository.js"
import type { AllocationRepository } from "./AllocationRepository.js"
import type { ClientRepository } from "./ClientRepository.js"
import type { ContactRepository } from "./ContactRepository.js"
import type { EventLog } from "./EventLog.js"
import type { IdempotencyRepository } from "./IdempotencyRepository.js"
import type { InteractionRepository } from "./InteractionRepository.js"
import type { ProjectRepository } from "./ProjectRepository.js"
import type { ReviewRepository } from "./ReviewRepository.js"
import type { SearchIndex } from "./SearchIndex.js"
import type { StoreTransaction } from "./StoreTransaction.js"
import type { TaskRepository } from "./TaskRepository.js"
import type { TeamMemberRepository } from "./TeamMemberRepository.js"

/** Every storage port: what a storage adapter's layer provides. */
export type StoragePorts =
  | TeamMemberRepository
  | ClientRepository
  | ContactRepository
  | ProjectRepository
  | TaskRepository
  | AllocationRepository
  | InteractionRepository
  | ReviewRepository
  | ApiKeyRepository
  | IdempotencyRepository
  | EventLog
  | SearchIndex
  | StoreTransaction
