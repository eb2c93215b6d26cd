import {
  AllocateInput,
  AllocationId,
  HumanAllocation,
  MaterialAllocation,
  ReferencedEntityMissing,
  ResourceAllocation,
  RuleViolated,
  UpdateAllocationInput
} from "@agency-crm/core"
import { HttpApiSchema, OpenApi } from "@effect/platform"
import { Schema } from "effect"
import { Authentication } from "./Authentication.js"
import { crudGroup } from "./crud.js"
import { AllocationParams } from "./queries.js"

/** People and material resources allocated to projects. */
export const ResourcesApi = crudGroup("resources", {
  path: "/allocations",
  noun: "resource allocation",
  plural: "resource allocations",
  entity: ResourceAllocation,
  // A union response is decoded member by member by the client, so each member carries the 201.
  created: Schema.Union(
    HumanAllocation.annotations(HttpApiSchema.annotations({ status: 201 })),
    MaterialAllocation.annotations(HttpApiSchema.annotations({ status: 201 }))
  ),
  id: AllocationId,
  params: AllocationParams,
  create: AllocateInput,
  update: UpdateAllocationInput
})
  .addError(ReferencedEntityMissing, { status: 422 })
  .addError(RuleViolated, { status: 422 })
  .middleware(Authentication)
  .annotate(OpenApi.Description, "People (hours in a role) and material (quantity × unit cost) allocated to projects.")
