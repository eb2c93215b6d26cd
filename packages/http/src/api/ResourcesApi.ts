import {
  AllocateInput,
  AllocationId,
  ReferencedEntityMissing,
  ResourceAllocation,
  RuleViolated,
  UpdateAllocationInput
} from "@agency-crm/core"
import { ActorFromHeader } from "./ActorMiddleware.js"
import { crudGroup } from "./crud.js"
import { AllocationParams } from "./queries.js"

/** People and material resources allocated to projects. */
export const ResourcesApi = crudGroup("resources", {
  path: "/allocations",
  noun: "resource allocation",
  plural: "resource allocations",
  entity: ResourceAllocation,
  created: ResourceAllocation,
  id: AllocationId,
  params: AllocationParams,
  create: AllocateInput,
  update: UpdateAllocationInput
})
  .addError(ReferencedEntityMissing, { status: 422 })
  .addError(RuleViolated, { status: 422 })
  .middleware(ActorFromHeader)
