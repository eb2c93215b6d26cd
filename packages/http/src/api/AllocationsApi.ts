import {
  AllocateInput,
  Allocation,
  allocationAggregate,
  HumanAllocation,
  MaterialAllocation,
  UpdateAllocationInput
} from "@agency-crm/core"
import { HttpApiSchema, OpenApi } from "@effect/platform"
import { Schema } from "effect"
import { Authentication } from "./Authentication.js"
import { crudGroup, Statuses } from "./crud.js"

/** People and material resources allocated to projects. */
export const AllocationsApi = crudGroup("allocations", allocationAggregate, {
  entity: Allocation,
  // A union response is decoded member by member by the client, so each member carries the 201.
  created: Schema.Union(
    HumanAllocation.annotations(HttpApiSchema.annotations({ status: 201 })),
    MaterialAllocation.annotations(HttpApiSchema.annotations({ status: 201 }))
  ),
  create: AllocateInput,
  update: UpdateAllocationInput,
  errors: { create: [Statuses.RuleViolated], update: [Statuses.RuleViolated] }
})
  .middleware(Authentication)
  .annotate(OpenApi.Description, "People (hours in a role) and material (quantity × unit cost) allocated to projects.")
