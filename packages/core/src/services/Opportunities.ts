import { Effect, Schema } from "effect"
import { AlreadyExists, InvalidTransition, RuleViolated } from "../domain/Errors.js"
import { ClientRepository, clientAggregate } from "../domain/Client.js"
import { ContactRepository } from "../domain/Contact.js"
import { type ClientId, type ContactId, OpportunityId, StageChangeId } from "../domain/Ids.js"
import { InteractionRepository } from "../domain/Interaction.js"
import type { LocalDate } from "../domain/LocalDate.js"
import { Cursor, Limit } from "../domain/Paging.js"
import {
  CreateOpportunityInput,
  isOpenStage,
  MoveOpportunityInput,
  OPEN_STAGES,
  type OpenStage,
  type Opportunity,
  opportunityAggregate,
  type OpportunityStage,
  opportunityTransitions,
  PipelineQuery,
  ReopenOpportunityInput,
  ResumeOpportunityInput,
  reaching,
  stageProbability,
  UpdateOpportunityInput,
  WinOpportunityInput
} from "../domain/Opportunity.js"
import type { Project } from "../domain/Project.js"
import { StageChangeRepository, stageChangeAggregate, type StageChangeKind } from "../domain/StageChange.js"
import { TeamMemberRepository } from "../domain/TeamMember.js"
import { WriteOptions } from "../domain/Text.js"
import { invalidField, underField, validate } from "../domain/Validation.js"
import type { EventType } from "../events/DomainEvent.js"
import { IdGenerator } from "../ports/IdGenerator.js"
import { Access } from "./Access.js"
import { crudOf } from "./Crud.js"
import { Dependents } from "./Dependents.js"
import { entityWrites, modelOf } from "./entityWrites.js"
import { reference, referenceOfClient } from "./loading.js"
import { allMatching, paginate } from "./paging.js"
import { Projects } from "./Projects.js"
import { stageTotals } from "./salesFigures.js"
import { now, today, UnitOfWork } from "./UnitOfWork.js"

const HistoryQuery = Schema.Struct({ limit: Schema.optional(Limit), cursor: Schema.optional(Cursor) })

/** Paging of a stage history. */
export type HistoryQuery = typeof HistoryQuery.Type

const stageIndex = (stage: OpenStage) => OPEN_STAGES.indexOf(stage)

/** How a move between two stages reads in the history. */
const kindOf = (from: OpportunityStage, to: OpportunityStage): StageChangeKind => {
  if (to === "sales_order") return "won"
  if (to === "standby") return "paused"
  if (to === "rejected" || to === "not_qualified") return "closed"
  if (from === "standby") return "resumed"
  if (!isOpenStage(from)) return "reopened"
  return stageIndex(to) < stageIndex(from) ? "moved_back" : "advanced"
}

/** Where an opportunity may go from where it is: the transition table, with a paused one resuming only to the
 * stage it paused in. */
export const allowedMoves = (current: Pick<Opportunity, "stage" | "resumeStage">): ReadonlyArray<OpportunityStage> =>
  opportunityTransitions[current.stage].filter(
    (to) => current.stage !== "standby" || !isOpenStage(to) || to === (current.resumeStage ?? "interest")
  )

/** Sales opportunities: from the first interest through presentation, proposal and negotiation to the sales order,
 * or closed as standby, rejected or not qualified; every stage change recorded in the stage history. */
export class Opportunities extends Effect.Service<Opportunities>()("@agency-crm/core/Opportunities", {
  dependencies: [UnitOfWork.Default, Access.Default, Dependents.Default, Projects.Default],
  effect: Effect.gen(function* () {
    const access = yield* Access
    const crud = yield* crudOf(opportunityAggregate)
    const { writes } = crud
    const { get, list, remove } = crud.operations("Opportunities")
    const clients = yield* ClientRepository
    const contacts = yield* ContactRepository
    const members = yield* TeamMemberRepository
    const interactions = yield* InteractionRepository
    const history = yield* StageChangeRepository
    const projects = yield* Projects
    const ids = yield* IdGenerator
    const uow = yield* UnitOfWork
    const clientWrites = entityWrites({ aggregate: clientAggregate, repository: clients, record: uow.record })
    const historyWrites = entityWrites({ aggregate: stageChangeAggregate, repository: history, record: uow.record })
    const repository = crud.repository
    const validateCreate = validate(CreateOpportunityInput)
    const validateOptions = validate(WriteOptions)
    const validateMove = validate(MoveOpportunityInput)
    const validateReopen = validate(ReopenOpportunityInput)
    const validateResume = validate(ResumeOpportunityInput)
    const validateWin = validate(WinOpportunityInput)
    const validatePipeline = validate(PipelineQuery)
    const validateHistory = validate(HistoryQuery)

    const checkOwner = (ownerId: Opportunity["ownerId"]) =>
      Effect.gen(function* () {
        const owner = yield* reference("ownerId", "team_member", members.findById, ownerId)
        if (!owner.active) {
          return yield* RuleViolated.of("owner_inactive", `ownerId: team member ${ownerId} is deactivated`)
        }
      })

    const checkContact = (contactId: ContactId | null | undefined, clientId: ClientId) =>
      contactId == null
        ? Effect.void
        : Effect.asVoid(referenceOfClient("contactId", "contact", contacts.findById, contactId, clientId))

    /** Records one stage change in the history. */
    const recordChange = (opportunity: Opportunity, from: OpportunityStage | null, note: string | null) =>
      Effect.gen(function* () {
        const at = yield* now
        yield* historyWrites.insert(
          modelOf(stageChangeAggregate).make({
            id: StageChangeId.make(yield* ids.next),
            opportunityId: opportunity.id,
            clientId: opportunity.clientId,
            kind: from === null ? "created" : kindOf(from, opportunity.stage),
            fromStage: from,
            toStage: opportunity.stage,
            changedAt: at,
            changedById: yield* uow.actorId,
            note,
            version: 1,
            createdAt: at,
            updatedAt: at
          }),
          "stage_change.recorded"
        )
      })

    const create = Effect.fn("Opportunities.create")(function* (input: CreateOpportunityInput) {
      const valid = yield* validateCreate(input)
      return yield* uow.write(
        Effect.gen(function* () {
          const origin =
            valid.originInteractionId == null
              ? null
              : yield* reference("originInteractionId", "interaction", interactions.findById, valid.originInteractionId)
          if (origin !== null && valid.clientId !== undefined && origin.clientId !== valid.clientId) {
            return yield* RuleViolated.of(
              "interaction_of_other_client",
              `originInteractionId: interaction ${origin.id} belongs to another client than ${valid.clientId}`
            )
          }
          const client = yield* reference("clientId", "client", clients.findById, valid.clientId ?? origin!.clientId)
          if (client.archivedAt !== null) {
            return yield* RuleViolated.of("client_archived", `client ${client.id} is archived; restore it first`)
          }
          const contactId = valid.contactId !== undefined ? valid.contactId : (origin?.contactId ?? null)
          yield* checkContact(contactId, client.id)
          const ownerId = valid.ownerId ?? (yield* uow.actorId)
          if (ownerId === null) return yield* invalidField("ownerId", "is required when no team member acts")
          yield* checkOwner(ownerId)
          yield* crud.checkReferences({ originationId: valid.originationId, marketId: valid.marketId })
          const stage = valid.stage ?? "interest"
          const at = yield* now
          const opportunity = crud.model.make({
            id: OpportunityId.make(yield* ids.next),
            name: valid.name,
            clientId: client.id,
            contactId,
            ownerId,
            stage,
            resumeStage: null,
            probability: valid.probability ?? stageProbability[stage],
            amount: valid.amount ?? null,
            expectedCloseDate: valid.expectedCloseDate ?? null,
            originationId: valid.originationId !== undefined ? valid.originationId : client.originationId,
            marketId: valid.marketId !== undefined ? valid.marketId : client.marketId,
            originInteractionId: origin?.id ?? null,
            notes: valid.notes ?? null,
            stageChangedAt: at,
            reachedStages: [stage],
            closedAt: null,
            salesOrderNumber: null,
            salesOrderAmount: null,
            salesOrderDate: null,
            projectId: null,
            version: 1,
            createdAt: at,
            updatedAt: at
          })
          yield* writes.insert(opportunity, "opportunity.created")
          yield* recordChange(opportunity, null, null)
          return opportunity
        })
      )
    })

    const update = Effect.fn("Opportunities.update")(function* (
      id: OpportunityId,
      patch: UpdateOpportunityInput,
      options: WriteOptions = {}
    ) {
      return yield* crud.update(id, patch, options, (current, valid) =>
        Effect.gen(function* () {
          if (valid.ownerId !== undefined) yield* checkOwner(valid.ownerId)
          if (valid.contactId !== undefined) yield* checkContact(valid.contactId, current.clientId)
        })
      )
    })

    /** Moves an opportunity along one edge of the table (not into the sales order) and records it. */
    const moveTo = (
      current: Opportunity,
      to: Exclude<OpportunityStage, "sales_order">,
      note: string | null,
      probability: number | undefined
    ) =>
      Effect.gen(function* () {
        const allowed = allowedMoves(current)
        if (!allowed.includes(to)) {
          return yield* InvalidTransition.of("opportunity", current.id, current.stage, to, allowed)
        }
        const from = current.stage
        if (isOpenStage(from) && isOpenStage(to) && stageIndex(to) < stageIndex(from) && (note ?? "").trim() === "") {
          return yield* invalidField("note", "is required when moving back a stage")
        }
        const at = yield* now
        const open = isOpenStage(to)
        const moved = yield* writes.save(
          current,
          {
            stage: to,
            // The open stage it closes in stays, so a resume or reopen knows where it was.
            resumeStage: open ? null : isOpenStage(from) ? from : current.resumeStage,
            probability: open ? (probability ?? stageProbability[to]) : stageProbability[to],
            stageChangedAt: at,
            reachedStages: reaching(current.reachedStages, to),
            closedAt: open ? null : at
          },
          (isOpenStage(from) || from === "standby" ? "opportunity.stage_changed" : "opportunity.reopened") as EventType
        )
        yield* recordChange(moved, from, note)
        return moved
      })

    const move = Effect.fn("Opportunities.move")(function* (
      id: OpportunityId,
      input: MoveOpportunityInput,
      options: WriteOptions = {}
    ) {
      const valid = yield* validateMove(input)
      const { expectedVersion } = yield* validateOptions(options)
      return yield* uow.write(
        Effect.flatMap(writes.loadForWrite(id, expectedVersion), (current) =>
          moveTo(current, valid.to, valid.note ?? null, valid.probability)
        )
      )
    })

    const resume = Effect.fn("Opportunities.resume")(function* (
      id: OpportunityId,
      input: ResumeOpportunityInput = {},
      options: WriteOptions = {}
    ) {
      const valid = yield* validateResume(input)
      const { expectedVersion } = yield* validateOptions(options)
      return yield* uow.write(
        Effect.flatMap(writes.loadForWrite(id, expectedVersion), (current) =>
          current.stage === "standby"
            ? moveTo(current, current.resumeStage ?? "interest", valid.note ?? null, undefined)
            : Effect.fail(
                InvalidTransition.of(
                  "opportunity",
                  id,
                  current.stage,
                  current.resumeStage ?? "interest",
                  allowedMoves(current)
                )
              )
        )
      )
    })

    const reopen = Effect.fn("Opportunities.reopen")(function* (
      id: OpportunityId,
      input: ReopenOpportunityInput = {},
      options: WriteOptions = {}
    ) {
      const valid = yield* validateReopen(input)
      const { expectedVersion } = yield* validateOptions(options)
      return yield* uow.write(
        Effect.flatMap(writes.loadForWrite(id, expectedVersion), (current) => {
          const to = valid.to ?? current.resumeStage ?? "interest"
          return current.stage === "rejected" || current.stage === "not_qualified"
            ? moveTo(current, to, valid.note ?? null, undefined)
            : Effect.fail(InvalidTransition.of("opportunity", id, current.stage, to, allowedMoves(current)))
        })
      )
    })

    // The next free `SO-<year>-<n>`: one past the count of sales orders, skipping numbers already taken.
    const nextOrderNumber = (date: LocalDate) =>
      Effect.gen(function* () {
        let n = (yield* repository.count({ stage: ["sales_order"] })) + 1
        while (true) {
          const number = `SO-${date.slice(0, 4)}-${String(n).padStart(4, "0")}`
          if ((yield* repository.count({ salesOrderNumber: number })) === 0) return number
          n += 1
        }
      })

    const win = Effect.fn("Opportunities.win")(function* (
      id: OpportunityId,
      input: WinOpportunityInput = {},
      options: WriteOptions = {}
    ) {
      const valid = yield* validateWin(input)
      const { expectedVersion } = yield* validateOptions(options)
      return yield* uow.write(
        Effect.gen(function* () {
          const current = yield* writes.loadForWrite(id, expectedVersion)
          const allowed = allowedMoves(current)
          if (!allowed.includes("sales_order")) {
            return yield* InvalidTransition.of("opportunity", id, current.stage, "sales_order", allowed)
          }
          const order = valid.salesOrder ?? {}
          const amount = order.amount ?? current.amount
          if (amount === null) {
            return yield* invalidField("salesOrder.amount", "is required: the opportunity has no estimated amount")
          }
          const date = order.date ?? (yield* today)
          if (order.number !== undefined && (yield* repository.count({ salesOrderNumber: order.number })) > 0) {
            return yield* AlreadyExists.of("opportunity", "salesOrder.number", order.number)
          }
          const number = order.number ?? (yield* nextOrderNumber(date))
          // A sale makes the prospect a client (creating the project would, too).
          const client = yield* reference("clientId", "client", clients.findById, current.clientId)
          if (client.kind === "prospect") yield* clientWrites.save(client, { kind: "client" }, "client.converted")
          let project: Project | null = null
          if (valid.project !== undefined) {
            const p = valid.project
            project = yield* projects
              .create({
                clientId: current.clientId,
                name: p.name ?? current.name,
                campaignType: p.campaignType,
                managerId: p.managerId,
                budget: amount,
                ...(p.description === undefined ? {} : { description: p.description }),
                ...(p.objectives === undefined ? {} : { objectives: p.objectives }),
                ...(p.startDate === undefined ? {} : { startDate: p.startDate }),
                ...(p.dueDate === undefined ? {} : { dueDate: p.dueDate })
              })
              .pipe(Effect.mapError(underField("project")))
          }
          const at = yield* now
          const won = yield* writes.save(
            current,
            {
              stage: "sales_order",
              resumeStage: null,
              probability: stageProbability.sales_order,
              stageChangedAt: at,
              reachedStages: reaching(current.reachedStages, "sales_order"),
              closedAt: at,
              salesOrderNumber: number,
              salesOrderAmount: amount,
              salesOrderDate: date,
              projectId: project?.id ?? null
            },
            "opportunity.won"
          )
          yield* recordChange(won, current.stage, valid.note ?? null)
          return { opportunity: won, project }
        })
      )
    })

    const stages = Effect.fn("Opportunities.history")(function* (id: OpportunityId, query: HistoryQuery = {}) {
      const valid = yield* validateHistory(query)
      yield* get(id)
      return yield* paginate(
        stageChangeAggregate.list,
        { opportunityId: id },
        { sortBy: "changedAt", order: "asc", limit: valid.limit, cursor: valid.cursor },
        history.list
      )
    })

    const pipeline = Effect.fn("Opportunities.pipeline")(function* (query: PipelineQuery = {}) {
      const valid = yield* validatePipeline(query)
      return stageTotals(
        yield* allMatching(opportunityAggregate.list, "createdAt", { ...valid, stage: OPEN_STAGES }, repository.list)
      )
    })

    return access.guard("Opportunities", {
      create,
      get,
      list,
      update,
      move,
      resume,
      reopen,
      win,
      remove,
      history: stages,
      pipeline
    })
  })
}) {}
