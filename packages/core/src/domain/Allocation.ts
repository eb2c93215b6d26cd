import { type Context, Schema } from "effect"
import * as Aggregate from "../aggregate/Aggregate.js"
import * as Filters from "../aggregate/Filters.js"
import * as Sorts from "../aggregate/Sorts.js"
import { entityFields } from "./Entity.js"
import { constructor } from "../codec/Codec.js"
import { AllocationId, ClientId, ProjectId, TeamMemberId } from "./Ids.js"
import { Money } from "./Money.js"
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

/** A resource allocated to a project: a person's hours or a material resource. */
export const Allocation = Schema.Union(HumanAllocation, MaterialAllocation)
/** A resource allocated to a project. */
export type Allocation = typeof Allocation.Type

const makeHuman = constructor(HumanAllocation)
const makeMaterial = constructor(MaterialAllocation)

/** Input of `Allocations.create` for a person. */
export const AllocateHumanInput = Schema.Struct({
  kind: Schema.Literal("human"),
  projectId: ProjectId,
  memberId: TeamMemberId,
  role: Name,
  hours: AllocatedHours,
  notes: Schema.optional(Schema.NullOr(LongText))
})

/** Input of `Allocations.create` for a material resource. */
export const AllocateMaterialInput = Schema.Struct({
  kind: Schema.Literal("material"),
  projectId: ProjectId,
  name: Name,
  quantity: Quantity,
  unitCost: Money,
  notes: Schema.optional(Schema.NullOr(LongText))
})

/** Input of `Allocations.create`. */
export const AllocateInput = Schema.Union(AllocateHumanInput, AllocateMaterialInput)
/** Input of `Allocations.create`. */
export type AllocateInput = typeof AllocateInput.Type

/** Input of `Allocations.update`: only the given fields change, and only fields of the allocation's kind. */
export const UpdateAllocationInput = Schema.Struct({
  notes: Schema.optional(Schema.NullOr(LongText)),
  memberId: Schema.optional(TeamMemberId),
  role: Schema.optional(Name),
  hours: Schema.optional(AllocatedHours),
  name: Schema.optional(Name),
  quantity: Schema.optional(Quantity),
  unitCost: Schema.optional(Money)
})
/** Input of `Allocations.update`. */
export type UpdateAllocationInput = typeof UpdateAllocationInput.Type

/** Fields of `UpdateAllocationInput` that only apply to one kind. */
export const allocationKindFields: { readonly [K in AllocationKind]: ReadonlyArray<keyof UpdateAllocationInput> } = {
  human: ["memberId", "role", "hours"],
  material: ["name", "quantity", "unitCost"]
}

/** Allocations: people's hours and material on a project, deleted with it. */
export const allocationAggregate = Aggregate.define({
  name: "allocation",
  plural: "allocations",
  schema: Allocation,
  id: AllocationId,
  filters: {
    projectId: Filters.eq(ProjectId),
    clientId: Filters.eq(ClientId),
    kind: Filters.eq(AllocationKind),
    memberId: Filters.eq(TeamMemberId)
  },
  sorts: { createdAt: Sorts.time("createdAt") },
  defaultSort: { by: "createdAt", order: "asc" },
  inputs: { create: AllocateInput, update: UpdateAllocationInput },
  references: {
    projectId: { to: "project", onDelete: "cascade" },
    clientId: { to: "client", onDelete: "cascade" },
    memberId: { to: "team_member", onDelete: "restrict" }
  },
  events: ["created", "updated", "deleted"],
  eventRefs: (a) => ({
    clientId: a.clientId,
    projectId: a.projectId,
    assigneeId: a.kind === "human" ? a.memberId : null
  }),
  permissions: { read: "crm.read", write: "allocation.manage", remove: "allocation.manage" },
  // Updates refuse fields of the other kind before a rebuild, so the casts only narrow the patch.
  rebuild: (current, fields): Allocation =>
    current.kind === "human"
      ? makeHuman({ ...current, ...(fields as Partial<HumanAllocation>), kind: "human" })
      : makeMaterial({ ...current, ...(fields as Partial<MaterialAllocation>), kind: "material" })
})

/** Filters of an allocation list. */
export const AllocationFilter = allocationAggregate.Filter
/** Filters of an allocation list. */
export type AllocationFilter = typeof AllocationFilter.Type

/** Fields an allocation list can be sorted by. */
export const AllocationSortField = allocationAggregate.SortField
/** Fields an allocation list can be sorted by. */
export type AllocationSortField = typeof AllocationSortField.Type

/** Query of an allocation list. */
export const AllocationListQuery = allocationAggregate.ListQuery
/** Query of an allocation list. */
export type AllocationListQuery = typeof AllocationListQuery.Type

/** How allocations are listed. */
export const allocationList = allocationAggregate.list

/** Storage of allocations. */
export const AllocationRepository = allocationAggregate.repository
/** Storage of allocations. */
export type AllocationRepository = Context.Tag.Identifier<typeof AllocationRepository>

/** Total cost of a material allocation in minor units (rounded to the nearest minor unit). */
export const materialCost = (a: MaterialAllocation): number => Math.round(a.quantity * a.unitCost.amountMinor)
