import { Effect } from "effect"
import { AlreadyExists, HasDependents, RuleViolated } from "../domain/Errors.js"
import { TeamMemberId } from "../domain/Ids.js"
import {
  CreateTeamMemberInput,
  TeamMember,
  TeamMemberListQuery,
  teamMemberList,
  UpdateTeamMemberInput
} from "../domain/TeamMember.js"
import { WriteOptions } from "../domain/Text.js"
import { validate } from "../domain/Validation.js"
import { AllocationRepository } from "../ports/AllocationRepository.js"
import { ApiKeyRepository } from "../ports/ApiKeyRepository.js"
import { ClientRepository } from "../ports/ClientRepository.js"
import { IdGenerator } from "../ports/IdGenerator.js"
import { ProjectRepository } from "../ports/ProjectRepository.js"
import { TaskRepository } from "../ports/TaskRepository.js"
import { TeamMemberRepository } from "../ports/TeamMemberRepository.js"
import { Access } from "./Access.js"
import { apiKeyModel, teamMemberModel } from "./entityModels.js"
import { entityWrites } from "./entityWrites.js"
import { definedOnly, paginate, splitQuery } from "./internal.js"
import { now, UnitOfWork } from "./UnitOfWork.js"

/** Team members: the people who manage projects, own clients and do the tasks. */
export class Team extends Effect.Service<Team>()("@agency-crm/core/Team", {
  dependencies: [UnitOfWork.Default, Access.Default],
  effect: Effect.gen(function* () {
    const members = yield* TeamMemberRepository
    const tasks = yield* TaskRepository
    const projects = yield* ProjectRepository
    const allocations = yield* AllocationRepository
    const clients = yield* ClientRepository
    const apiKeys = yield* ApiKeyRepository
    const ids = yield* IdGenerator
    const uow = yield* UnitOfWork
    const access = yield* Access
    const writes = entityWrites({ ...teamMemberModel, repository: members, record: uow.record })
    const keyWrites = entityWrites({ ...apiKeyModel, repository: apiKeys, record: uow.record })
    const validateCreate = validate(CreateTeamMemberInput)
    const validateUpdate = validate(UpdateTeamMemberInput)
    const validateQuery = validate(TeamMemberListQuery)
    const validateOptions = validate(WriteOptions)

    const ensureEmailFree = (email: string, self: TeamMemberId | null) =>
      Effect.gen(function* () {
        const [holder] = yield* members.list({
          filter: { email },
          sortBy: "createdAt",
          order: "asc",
          limit: 1,
          after: null
        })
        if (holder !== undefined && holder.id !== self) return yield* AlreadyExists.of("team_member", "email", email)
      })

    // Someone must always be able to manage the team and its keys.
    const keepAnAdmin = (current: TeamMember, staysAdmin: boolean) =>
      Effect.gen(function* () {
        if (current.role !== "admin" || !current.active || staysAdmin) return
        const admins = yield* members.count({ role: "admin", active: true })
        if (admins <= 1) {
          return yield* RuleViolated.of(
            "last_admin",
            `team member ${current.id} is the last active admin; make another member admin first`
          )
        }
      })

    const get = Effect.fn("Team.get")(function* (id: TeamMemberId) {
      return yield* writes.get(id)
    })

    const create = Effect.fn("Team.create")(function* (input: CreateTeamMemberInput) {
      const valid = yield* validateCreate(input)
      return yield* uow.write(
        Effect.gen(function* () {
          const email = valid.email.toLowerCase()
          yield* ensureEmailFree(email, null)
          const at = yield* now
          const member = teamMemberModel.make({
            id: TeamMemberId.make(yield* ids.next),
            name: valid.name,
            email,
            title: valid.title ?? null,
            role: valid.role ?? "member",
            active: true,
            version: 1,
            createdAt: at,
            updatedAt: at
          })
          yield* writes.insert(member, "team_member.created")
          return member
        })
      )
    })

    const list = Effect.fn("Team.list")(function* (query: TeamMemberListQuery = {}) {
      const { filter, paging } = splitQuery(yield* validateQuery(query))
      const normalized = filter.email === undefined ? filter : { ...filter, email: filter.email.toLowerCase() }
      return yield* paginate(teamMemberList, normalized, paging, members.list)
    })

    const update = Effect.fn("Team.update")(function* (
      id: TeamMemberId,
      patch: UpdateTeamMemberInput,
      options: WriteOptions = {}
    ) {
      const valid = definedOnly(yield* validateUpdate(patch))
      const { expectedVersion } = yield* validateOptions(options)
      return yield* uow.write(
        Effect.gen(function* () {
          const current = yield* writes.loadForWrite(id, expectedVersion)
          const email = valid.email === undefined ? current.email : valid.email.toLowerCase()
          if (email !== current.email) yield* ensureEmailFree(email, id)
          yield* keepAnAdmin(current, (valid.role ?? current.role) === "admin" && (valid.active ?? current.active))
          return yield* writes.save(current, { ...valid, email }, "team_member.updated")
        })
      )
    })

    const remove = Effect.fn("Team.remove")(function* (id: TeamMemberId, options: WriteOptions = {}) {
      const { expectedVersion } = yield* validateOptions(options)
      return yield* uow.write(
        Effect.gen(function* () {
          const current = yield* writes.loadForWrite(id, expectedVersion)
          const counts = yield* Effect.all({
            // Done and cancelled tasks too: they record who did the work.
            task: tasks.count({ assigneeId: id }),
            project: projects.count({ managerId: id }),
            allocation: allocations.count({ memberId: id }),
            client: clients.count({ ownerId: id })
          })
          const dependents = Object.entries(counts)
            .filter(([, count]) => count > 0)
            .map(([entity, count]) => ({ entity: entity as keyof typeof counts, count }))
          if (dependents.length > 0) {
            return yield* HasDependents.of(
              "team_member",
              id,
              dependents,
              "deactivate the member instead (active: false)"
            )
          }
          yield* keepAnAdmin(current, false)
          // A removed member's keys go with them: a credential must not outlive its holder.
          const keys = yield* apiKeys.removeWhere({ memberId: id })
          yield* uow.record(keyWrites.removedEvents(keys, "api_key.deleted"))
          yield* writes.remove(current, "team_member.deleted")
        })
      )
    })

    return access.guard("Team", { create, get, list, update, remove })
  })
}) {}
