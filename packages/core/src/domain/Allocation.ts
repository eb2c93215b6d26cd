import { Schema } from "effect"
import { entityFields, type ListSpec, timeKey } from "./Entity.js"
import { AllocationId, ClientId, ProjectId, TeamMemberId } from "./Ids.js"
import { Money } from "./Money.js"
import { pagingFields } from "./Paging.js"
import { LongText, Name } from "./Text.js"

export { AllocationId } from "./Ids.js"

/** Whether an allocation is a person's time or a material resource. */
export const AllocationKind = Schema.Literal("human", "material")
/** Whether an allocation is a person's time or a material resource. */
export type AllocationKind = typeof AllocationKind.Type

/** Positive hours of a person's time. */
export const AllocatedHours = Schema.Number.pipe(
  Schema.finite(),
  Schema.greaterThan(0),
  Schema.lessThanOrEqualTo(100_000)
)

/** Positive quantity of a material resource. */
export const Quantity = Schema.Number.pipe(Schema.finite(), Schema.greaterThan(0), Schema.lessThanOrEqualTo(1e9))

const allocationFields = {
  ...entityFields(AllocationId),
  projectId: ProjectId,
  clientId: ClientId,
  notes: Schema.NullOr(LongText)
}

/** A team member's hours on a project, in a role. */
export class HumanAllocation extends Schema.Class<HumanAllocation>("HumanAllocation")({
  ...allocationFields,
  kind: Schema.Literal("human"),
  memberId: TeamMemberId,
  role: Name,
  hours: AllocatedHours
}) {}

/** A material resource on a project (tool, ad spend, budget line): quantity × unit cost. */
export class MaterialAllocation extends Schema.Class<MaterialAllocation>("MaterialAllocation")({
  ...allocationFields,
  kind: Schema.Literal("material"),
  name: Name,
  quantity: Quantity,
  unitCost: Money
}) {}

/** A resource allocated to a project. */
export const ResourceAllocation = Schema.Union(HumanAllocation, MaterialAllocation)
/** A resource allocated to a project. */
export type ResourceAllocation = typeof ResourceAllocation.Type

/** Input of `Resources.allocate` for a person. */
export const AllocateHumanInput = Schema.Struct({
  kind: Schema.Literal("human"),
  projectId: ProjectId,
  memberId: TeamMemberId,
  role: Name,
  hours: AllocatedHours,
  notes: Schema.optional(Schema.NullOr(LongText))
})

/** Input of `Resources.allocate` for a material resource. */
export const AllocateMaterialInput = Schema.Struct({
  kind: Schema.Literal("material"),
  projectId: ProjectId,
  name: Name,
  quantity: Quantity,
  unitCost: Money,
  notes: Schema.optional(Schema.NullOr(LongText))
})

/** Input of `Resources.allocate`. */
export const AllocateInput = Schema.Union(AllocateHumanInput, AllocateMaterialInput)
/** Input of `Resources.allocate`. */
export type AllocateInput = typeof AllocateInput.Type

/** Input of `Resources.update`: only the given fields change, and only fields of the allocation's kind. */
export const UpdateAllocationInput = Schema.Struct({
  notes: Schema.optional(Schema.NullOr(LongText)),
  memberId: Schema.optional(TeamMemberId),
  role: Schema.optional(Name),
  hours: Schema.optional(AllocatedHours),
  name: Schema.optional(Name),
  quantity: Schema.optional(Quantity),
  unitCost: Schema.optional(Money)
})
/** Input of `Resources.update`. */
export type UpdateAllocationInput = typeof UpdateAllocationInput.Type

/** Fields of `UpdateAllocationInput` that only apply to one kind. */
export const allocationKindFields: { readonly [K in AllocationKind]: ReadonlyArray<keyof UpdateAllocationInput> } = {
  human: ["memberId", "role", "hours"],
  material: ["name", "quantity", "unitCost"]
}

/** Filters of an allocation list. */
export const AllocationFilter = Schema.Struct({
  projectId: Schema.optional(ProjectId),
  kind: Schema.optional(AllocationKind),
  memberId: Schema.optional(TeamMemberId)
})
/** Filters of an allocation list. */
export type AllocationFilter = typeof AllocationFilter.Type

/** Fields an allocation list can be sorted by. */
export const AllocationSortField = Schema.Literal("createdAt")
/** Fields an allocation list can be sorted by. */
export type AllocationSortField = typeof AllocationSortField.Type

/** Query of `Resources.list`. */
export const AllocationListQuery = Schema.Struct({ ...AllocationFilter.fields, ...pagingFields(AllocationSortField) })
/** Query of `Resources.list`. */
export type AllocationListQuery = typeof AllocationListQuery.Type

/** How allocations are listed. */
export const allocationList: ListSpec<ResourceAllocation, AllocationSortField> = {
  entity: "allocation",
  sortKey: (a) => timeKey(a.createdAt),
  defaultSortBy: "createdAt",
  defaultOrder: "asc"
}

/** Total cost of a material allocation in minor units (rounded to the nearest minor unit). */
export const materialCost = (a: MaterialAllocation): number => Math.round(a.quantity * a.unitCost.amountMinor)
