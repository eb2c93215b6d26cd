import { Effect } from "effect"
import {
  AllocateInput,
  allocationAggregate,
  allocationKindFields,
  type Allocation,
  HumanAllocation,
  MaterialAllocation,
  UpdateAllocationInput
} from "../domain/Allocation.js"
import { RuleViolated, ValidationFailed } from "../domain/Errors.js"
import { AllocationId, type TeamMemberId } from "../domain/Ids.js"
import { WriteOptions } from "../domain/Text.js"
import { validate } from "../domain/Validation.js"
import { IdGenerator } from "../ports/IdGenerator.js"
import { ProjectRepository } from "../domain/Project.js"
import { TeamMemberRepository } from "../domain/TeamMember.js"
import { crudOf } from "./Crud.js"
import { Dependents } from "./Dependents.js"
import { reference } from "./loading.js"
import { openProject } from "./projectRules.js"
import { now, UnitOfWork } from "./UnitOfWork.js"
import { Access } from "./Access.js"

/** People (hours in a role) and material resources (tools, ad spend, budget lines) allocated to projects. */
export class Allocations extends Effect.Service<Allocations>()("@agency-crm/core/Allocations", {
  dependencies: [UnitOfWork.Default, Access.Default, Dependents.Default],
  effect: Effect.gen(function* () {
    const access = yield* Access
    const crud = yield* crudOf(allocationAggregate)
    const projects = yield* ProjectRepository
    const members = yield* TeamMemberRepository
    const ids = yield* IdGenerator
    const uow = yield* UnitOfWork
    const { writes } = crud
    const { get, list, remove } = crud.operations("Allocations")
    const validateAllocate = validate(AllocateInput)

    const checkMember = (memberId: TeamMemberId) =>
      Effect.gen(function* () {
        const member = yield* reference("memberId", "team_member", members.findById, memberId)
        if (!member.active) {
          return yield* RuleViolated.of("member_inactive", `memberId: team member ${memberId} is deactivated`)
        }
      })

    const create = Effect.fn("Allocations.allocate")(function* (input: AllocateInput) {
      const valid = yield* validateAllocate(input)
      return yield* uow.write(
        Effect.gen(function* () {
          const project = yield* openProject(projects, "projectId", valid.projectId)
          const at = yield* now
          const common = {
            id: AllocationId.make(yield* ids.next),
            projectId: project.id,
            clientId: project.clientId,
            notes: valid.notes ?? null,
            version: 1,
            createdAt: at,
            updatedAt: at
          }
          let allocation: Allocation
          if (valid.kind === "human") {
            yield* checkMember(valid.memberId)
            allocation = new HumanAllocation({
              ...common,
              kind: "human",
              memberId: valid.memberId,
              role: valid.role,
              hours: valid.hours
            })
          } else {
            allocation = new MaterialAllocation({
              ...common,
              kind: "material",
              name: valid.name,
              quantity: valid.quantity,
              unitCost: valid.unitCost
            })
          }
          yield* writes.insert(allocation, "allocation.created")
          return allocation
        })
      )
    })

    const update = Effect.fn("Allocations.update")(function* (
      id: AllocationId,
      patch: UpdateAllocationInput,
      options: WriteOptions = {}
    ) {
      return yield* crud.update(id, patch, options, (current, valid) =>
        Effect.gen(function* () {
          yield* openProject(projects, "projectId", current.projectId)
          const otherKind = current.kind === "human" ? "material" : "human"
          const misplaced = allocationKindFields[otherKind].filter((field) => valid[field] !== undefined)
          if (misplaced.length > 0) {
            return yield* ValidationFailed.of(
              misplaced.map((field) => ({ path: field, message: `only applies to ${otherKind} allocations` }))
            )
          }
          if (valid.memberId !== undefined) yield* checkMember(valid.memberId)
        })
      )
    })

    return access.guard("Allocations", { create, get, list, update, remove })
  })
}) {}
