import { Effect } from "effect"
import { AlreadyExists, RuleViolated } from "../domain/Errors.js"
import { TeamMemberId } from "../domain/Ids.js"
import {
  CreateTeamMemberInput,
  type TeamMember,
  teamMemberAggregate,
  type TeamMemberListQuery,
  UpdateTeamMemberInput
} from "../domain/TeamMember.js"
import { WriteOptions } from "../domain/Text.js"
import { validate } from "../domain/Validation.js"
import { IdGenerator } from "../ports/IdGenerator.js"
import { Access } from "./Access.js"
import { crudOf } from "./Crud.js"
import { Dependents } from "./Dependents.js"
import { now, UnitOfWork } from "./UnitOfWork.js"

/** Team members: the people who manage projects, own clients and do the tasks. */
export class Team extends Effect.Service<Team>()("@agency-crm/core/Team", {
  dependencies: [UnitOfWork.Default, Access.Default, Dependents.Default],
  effect: Effect.gen(function* () {
    const crud = yield* crudOf(teamMemberAggregate)
    const { repository: members, writes } = crud
    const { get } = crud.operations("Team")
    const ids = yield* IdGenerator
    const uow = yield* UnitOfWork
    const access = yield* Access
    const validateCreate = validate(CreateTeamMemberInput)

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

    const create = Effect.fn("Team.create")(function* (input: CreateTeamMemberInput) {
      const valid = yield* validateCreate(input)
      return yield* uow.write(
        Effect.gen(function* () {
          const email = valid.email.toLowerCase()
          yield* ensureEmailFree(email, null)
          const at = yield* now
          const member = crud.model.make({
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
      return yield* crud.list(query, (filter) =>
        filter.email === undefined ? filter : { ...filter, email: filter.email.toLowerCase() }
      )
    })

    const update = Effect.fn("Team.update")(function* (
      id: TeamMemberId,
      patch: UpdateTeamMemberInput,
      options: WriteOptions = {}
    ) {
      return yield* crud.update(id, patch, options, (current, valid) =>
        Effect.gen(function* () {
          const email = valid.email === undefined ? current.email : valid.email.toLowerCase()
          if (email !== current.email) yield* ensureEmailFree(email, id)
          yield* keepAnAdmin(current, (valid.role ?? current.role) === "admin" && (valid.active ?? current.active))
          return { email }
        })
      )
    })

    // Tasks (done ones too: they record who did the work), projects, clients, allocations, interactions and
    // reviews refuse the delete (deactivate instead); the member's keys go with them.
    const remove = Effect.fn("Team.remove")(function* (id: TeamMemberId, options: WriteOptions = {}) {
      return yield* crud.remove(id, options, (current) => keepAnAdmin(current, false))
    })

    return access.guard("Team", { create, get, list, update, remove })
  })
}) {}
