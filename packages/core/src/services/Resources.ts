import { Effect } from "effect"
import {
  AllocateInput,
  AllocationListQuery,
  allocationKindFields,
  allocationList,
  ResourceAllocation,
  UpdateAllocationInput
} from "../domain/Allocation.js"
import { RuleViolated, ValidationFailed } from "../domain/Errors.js"
import { AllocationId, type TeamMemberId } from "../domain/Ids.js"
import { WriteOptions } from "../domain/Text.js"
import { validate } from "../domain/Validation.js"
import { AllocationRepository } from "../ports/AllocationRepository.js"
import { IdGenerator } from "../ports/IdGenerator.js"
import { ProjectRepository } from "../ports/ProjectRepository.js"
import { TeamMemberRepository } from "../ports/TeamMemberRepository.js"
import { allocationModel } from "./entityModels.js"
import { entityWrites } from "./entityWrites.js"
import { definedOnly, paginate, reference, splitQuery } from "./internal.js"
import { openProject } from "./projectRules.js"
import { now, UnitOfWork } from "./UnitOfWork.js"
import { Access } from "./Access.js"

/** People (hours in a role) and material resources (tools, ad spend, budget lines) allocated to projects. */
export class Resources extends Effect.Service<Resources>()("@agency-crm/core/Resources", {
  dependencies: [UnitOfWork.Default, Access.Default],
  effect: Effect.gen(function* () {
    const access = yield* Access
    const allocations = yield* AllocationRepository
    const projects = yield* ProjectRepository
    const members = yield* TeamMemberRepository
    const ids = yield* IdGenerator
    const uow = yield* UnitOfWork
    const writes = entityWrites({ ...allocationModel, repository: allocations, record: uow.record })
    const validateAllocate = validate(AllocateInput)
    const validateUpdate = validate(UpdateAllocationInput)
    const validateQuery = validate(AllocationListQuery)
    const validateOptions = validate(WriteOptions)

    const checkMember = (memberId: TeamMemberId) =>
      Effect.gen(function* () {
        const member = yield* reference("memberId", "team_member", members.findById, memberId)
        if (!member.active) {
          return yield* RuleViolated.of("member_inactive", `memberId: team member ${memberId} is deactivated`)
        }
      })

    const get = Effect.fn("Resources.get")(function* (id: AllocationId) {
      return yield* writes.get(id)
    })

    const allocate = Effect.fn("Resources.allocate")(function* (input: AllocateInput) {
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
          let allocation: ResourceAllocation
          if (valid.kind === "human") {
            yield* checkMember(valid.memberId)
            allocation = allocationModel.makeHuman({
              ...common,
              kind: "human",
              memberId: valid.memberId,
              role: valid.role,
              hours: valid.hours
            })
          } else {
            allocation = allocationModel.makeMaterial({
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

    const list = Effect.fn("Resources.list")(function* (query: AllocationListQuery = {}) {
      const { filter, paging } = splitQuery(yield* validateQuery(query))
      return yield* paginate(allocationList, filter, paging, allocations.list)
    })

    const update = Effect.fn("Resources.update")(function* (
      id: AllocationId,
      patch: UpdateAllocationInput,
      options: WriteOptions = {}
    ) {
      const valid = definedOnly(yield* validateUpdate(patch))
      const { expectedVersion } = yield* validateOptions(options)
      return yield* uow.write(
        Effect.gen(function* () {
          const current = yield* writes.loadForWrite(id, expectedVersion)
          yield* openProject(projects, "projectId", current.projectId)
          const otherKind = current.kind === "human" ? "material" : "human"
          const misplaced = allocationKindFields[otherKind].filter((field) => valid[field] !== undefined)
          if (misplaced.length > 0) {
            return yield* ValidationFailed.of(
              misplaced.map((field) => ({ path: field, message: `only applies to ${otherKind} allocations` }))
            )
          }
          if (valid.memberId !== undefined) yield* checkMember(valid.memberId)
          return yield* writes.save(current, valid, "allocation.updated")
        })
      )
    })

    const remove = Effect.fn("Resources.remove")(function* (id: AllocationId, options: WriteOptions = {}) {
      const { expectedVersion } = yield* validateOptions(options)
      return yield* uow.write(
        Effect.flatMap(writes.loadForWrite(id, expectedVersion), (current) =>
          writes.remove(current, "allocation.deleted")
        )
      )
    })

    return access.guard("Resources", { allocate, get, list, update, remove })
  })
}) {}
