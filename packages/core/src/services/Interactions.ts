import { DateTime, Effect } from "effect"
import { type ClientId, type ContactId, InteractionId, type OpportunityId, type ProjectId } from "../domain/Ids.js"
import {
  CONVERSATION_KINDS,
  type Interaction,
  interactionAggregate,
  isConversation,
  LogInteractionInput,
  satisfactionRule,
  UpdateInteractionInput
} from "../domain/Interaction.js"
import { WriteOptions } from "../domain/Text.js"
import { invalidField, underField, validate } from "../domain/Validation.js"
import { ClientRepository } from "../domain/Client.js"
import { ContactRepository } from "../domain/Contact.js"
import { IdGenerator } from "../ports/IdGenerator.js"
import { ProjectRepository } from "../domain/Project.js"
import { OpportunityRepository } from "../domain/Opportunity.js"
import { crudOf } from "./Crud.js"
import { Dependents } from "./Dependents.js"
import { reference, referenceOfClient } from "./loading.js"
import { Tasks } from "./Tasks.js"
import { now, UnitOfWork } from "./UnitOfWork.js"
import { Access } from "./Access.js"
import { firstMatching } from "./paging.js"

/** The log of every communication with clients: meetings, calls, e-mails, messages, notes and feedback. */
export class Interactions extends Effect.Service<Interactions>()("@agency-crm/core/Interactions", {
  dependencies: [UnitOfWork.Default, Access.Default, Dependents.Default, Tasks.Default],
  effect: Effect.gen(function* () {
    const access = yield* Access
    const crud = yield* crudOf(interactionAggregate)
    const clients = yield* ClientRepository
    const contacts = yield* ContactRepository
    const projects = yield* ProjectRepository
    const opportunities = yield* OpportunityRepository
    const tasks = yield* Tasks
    const ids = yield* IdGenerator
    const uow = yield* UnitOfWork
    const { writes } = crud
    const { get, list } = crud.operations("Interactions")
    const validateLog = validate(LogInteractionInput)

    // A contact, project or opportunity named on an interaction must belong to the interaction's client.
    const checkLinks = (
      clientId: ClientId,
      contactId: ContactId | null,
      projectId: ProjectId | null,
      opportunityId: OpportunityId | null
    ) =>
      Effect.gen(function* () {
        if (opportunityId !== null) {
          yield* referenceOfClient("opportunityId", "opportunity", opportunities.findById, opportunityId, clientId)
        }
        if (contactId !== null) yield* referenceOfClient("contactId", "contact", contacts.findById, contactId, clientId)
        if (projectId !== null) yield* referenceOfClient("projectId", "project", projects.findById, projectId, clientId)
      })

    // An organization's first contact is kept on its interactions: the earliest conversation is flagged, inside
    // every write that may change which one it is, so reports read it instead of each organization's history.
    const firstConversation = (clientId: ClientId) =>
      firstMatching(
        "occurredAt",
        { clientId, kind: CONVERSATION_KINDS, direction: ["inbound", "outbound"] },
        crud.repository.list
      )
    // The row was read in this same serialised write, so it cannot be missing or changed meanwhile.
    const setFirstContact = (interaction: Interaction, firstContact: boolean) =>
      Effect.orDie(writes.save(interaction, { firstContact }, "interaction.updated"))
    const reckonFirstContact = (clientId: ClientId) =>
      Effect.gen(function* () {
        const first = yield* firstConversation(clientId)
        const flagged = yield* firstMatching("occurredAt", { clientId, firstContact: true }, crud.repository.list)
        if (flagged?.id === first?.id) return
        if (flagged !== undefined) yield* setFirstContact(flagged, false)
        if (first !== undefined) yield* setFirstContact(first, true)
      })
    const isEarlier = (a: Pick<Interaction, "occurredAt" | "id">, b: Pick<Interaction, "occurredAt" | "id">) => {
      const [x, y] = [DateTime.toEpochMillis(a.occurredAt), DateTime.toEpochMillis(b.occurredAt)]
      return x < y || (x === y && a.id < b.id)
    }

    const log = Effect.fn("Interactions.log")(function* (input: LogInteractionInput) {
      const valid = yield* validateLog(input)
      const projectId = valid.projectId ?? null
      const opportunityId = valid.opportunityId ?? null
      return yield* uow.write(
        Effect.gen(function* () {
          // A contact alone implies its organization.
          const clientId =
            valid.clientId ?? (yield* reference("contactId", "contact", contacts.findById, valid.contactId!)).clientId
          yield* reference("clientId", "client", clients.findById, clientId)
          // A contact the organization was taken from is of it already.
          yield* checkLinks(
            clientId,
            valid.clientId === undefined ? null : (valid.contactId ?? null),
            projectId,
            opportunityId
          )
          const actor = yield* uow.actorId
          const at = yield* now
          const id = InteractionId.make(yield* ids.next)
          const direction = valid.direction ?? "outbound"
          const occurredAt = valid.occurredAt ?? at
          const previous = yield* firstConversation(clientId)
          const firstContact =
            isConversation({ kind: valid.kind, direction }) &&
            (previous === undefined || isEarlier({ occurredAt, id }, previous))
          if (firstContact && previous !== undefined) {
            yield* setFirstContact(previous, false)
          }
          const interaction = crud.model.make({
            id,
            clientId,
            contactId: valid.contactId ?? null,
            projectId,
            opportunityId,
            kind: valid.kind,
            direction,
            occurredAt,
            summary: valid.summary,
            outcome: valid.outcome ?? null,
            nextStep: valid.nextStep ?? null,
            satisfaction: valid.satisfaction ?? null,
            loggedById: actor,
            firstContact,
            version: 1,
            createdAt: at,
            updatedAt: at
          })
          yield* writes.insert(interaction, "interaction.logged")
          const followUp = valid.followUp
          const followUpTask =
            followUp === undefined
              ? null
              : yield* tasks
                  .create({
                    clientId,
                    projectId,
                    opportunityId,
                    title: followUp.title,
                    assigneeId: followUp.assigneeId ?? null,
                    dueDate: followUp.dueDate ?? null,
                    priority: followUp.priority ?? "medium",
                    originInteractionId: interaction.id
                  })
                  .pipe(Effect.mapError(underField("followUp")))
          return { interaction, followUpTask }
        })
      )
    })

    const update = Effect.fn("Interactions.update")(function* (
      id: InteractionId,
      patch: UpdateInteractionInput,
      options: WriteOptions = {}
    ) {
      return yield* uow.write(
        Effect.gen(function* () {
          const updated = yield* crud.update(id, patch, options, (current, valid) =>
            Effect.gen(function* () {
              const merged = { ...current, ...valid }
              const rule = satisfactionRule(merged)
              if (rule !== true) return yield* invalidField(rule.path.join("."), rule.message)
              yield* checkLinks(
                current.clientId,
                valid.contactId === undefined ? null : merged.contactId,
                valid.projectId === undefined ? null : merged.projectId,
                valid.opportunityId === undefined ? null : merged.opportunityId
              )
            })
          )
          // A change of when, what or which way may make another conversation the first.
          if (patch.occurredAt === undefined && patch.kind === undefined && patch.direction === undefined)
            return updated
          yield* reckonFirstContact(updated.clientId)
          return yield* get(updated.id)
        })
      )
    })

    const remove = Effect.fn("Interactions.remove")(function* (id: InteractionId, options: WriteOptions = {}) {
      return yield* uow.write(
        Effect.gen(function* () {
          let clientId: ClientId | undefined
          yield* crud.remove(id, options, (current) => Effect.sync(() => void (clientId = current.clientId)))
          if (clientId !== undefined) yield* reckonFirstContact(clientId)
        })
      )
    })

    return access.guard("Interactions", { log, get, list, update, remove })
  })
}) {}
