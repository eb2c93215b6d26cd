import { Context } from "effect"
import type { ResourceAllocation, AllocationFilter, AllocationSortField } from "../domain/Allocation.js"
import type { AllocationId } from "../domain/Ids.js"
import type { Repository } from "./Repository.js"

/** Storage of resource allocations. */
export interface AllocationRepositoryService extends Repository<
  ResourceAllocation,
  AllocationId,
  AllocationFilter,
  AllocationSortField
> {}

/** Storage of resource allocations. */
export class AllocationRepository extends Context.Tag("@agency-crm/core/AllocationRepository")<
  AllocationRepository,
  AllocationRepositoryService
>() {}
