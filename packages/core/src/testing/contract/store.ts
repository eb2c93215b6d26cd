import type { AllocationRepository } from "../../ports/AllocationRepository.js"
import type { ClientRepository } from "../../ports/ClientRepository.js"
import type { ContactRepository } from "../../ports/ContactRepository.js"
import type { EventLog } from "../../ports/EventLog.js"
import type { InteractionRepository } from "../../ports/InteractionRepository.js"
import type { ProjectRepository } from "../../ports/ProjectRepository.js"
import type { ReviewRepository } from "../../ports/ReviewRepository.js"
import type { SearchIndex } from "../../ports/SearchIndex.js"
import type { StoreTransaction } from "../../ports/StoreTransaction.js"
import type { TaskRepository } from "../../ports/TaskRepository.js"
import type { TeamMemberRepository } from "../../ports/TeamMemberRepository.js"

/** Every storage port: what a storage adapter's layer must provide. */
export type ContractStore =
  | TeamMemberRepository
  | ClientRepository
  | ContactRepository
  | ProjectRepository
  | TaskRepository
  | AllocationRepository
  | InteractionRepository
  | ReviewRepository
  | EventLog
  | SearchIndex
  | StoreTransaction
