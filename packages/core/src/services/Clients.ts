import { Effect } from "effect"
import { ClientListQuery, clientList, CreateClientInput, UpdateClientInput } from "../domain/Client.js"
import { HasDependents } from "../domain/Errors.js"
import { ClientId, type TeamMemberId } from "../domain/Ids.js"
import { WriteOptions } from "../domain/Text.js"
import { validate } from "../domain/Validation.js"
import { ClientRepository } from "../ports/ClientRepository.js"
import { ContactRepository } from "../ports/ContactRepository.js"
import { IdGenerator } from "../ports/IdGenerator.js"
import { InteractionRepository } from "../ports/InteractionRepository.js"
import { ProjectRepository } from "../ports/ProjectRepository.js"
import { TeamMemberRepository } from "../ports/TeamMemberRepository.js"
import { clientModel, contactModel, interactionModel } from "./entityModels.js"
import { entityWrites } from "./entityWrites.js"
import { definedOnly, paginate, reference, splitQuery } from "./internal.js"
import { now, UnitOfWork } from "./UnitOfWork.js"
import { Access } from "./Access.js"

/** Clients, prospects, suppliers and partners of the agency. */
export class Clients extends Effect.Service<Clients>()("@agency-crm/core/Clients", {
  dependencies: [UnitOfWork.Default, Access.Default],
  effect: Effect.gen(function* () {
    const access = yield* Access
    const clients = yield* ClientRepository
    const contacts = yield* ContactRepository
    const interactions = yield* InteractionRepository
    const projects = yield* ProjectRepository
    const members = yield* TeamMemberRepository
    const ids = yield* IdGenerator
    const uow = yield* UnitOfWork
    const writes = entityWrites({ ...clientModel, repository: clients, record: uow.record })
    const contactWrites = entityWrites({ ...contactModel, repository: contacts, record: uow.record })
    const interactionWrites = entityWrites({ ...interactionModel, repository: interactions, record: uow.record })
    const validateCreate = validate(CreateClientInput)
    const validateUpdate = validate(UpdateClientInput)
    const validateQuery = validate(ClientListQuery)
    const validateOptions = validate(WriteOptions)

    const checkOwner = (ownerId: TeamMemberId | null | undefined) =>
      ownerId == null ? Effect.void : Effect.asVoid(reference("ownerId", "team_member", members.findById, ownerId))

    const get = Effect.fn("Clients.get")(function* (id: ClientId) {
      return yield* writes.get(id)
    })

    const create = Effect.fn("Clients.create")(function* (input: CreateClientInput) {
      const valid = yield* validateCreate(input)
      return yield* uow.write(
        Effect.gen(function* () {
          yield* checkOwner(valid.ownerId)
          const at = yield* now
          const client = clientModel.make({
            id: ClientId.make(yield* ids.next),
            name: valid.name,
            kind: valid.kind ?? "prospect",
            industry: valid.industry ?? null,
            website: valid.website ?? null,
            email: valid.email ?? null,
            phone: valid.phone ?? null,
            notes: valid.notes ?? null,
            ownerId: valid.ownerId ?? null,
            archivedAt: null,
            version: 1,
            createdAt: at,
            updatedAt: at
          })
          yield* writes.insert(client, "client.created")
          return client
        })
      )
    })

    const list = Effect.fn("Clients.list")(function* (query: ClientListQuery = {}) {
      const { filter, paging } = splitQuery(yield* validateQuery(query))
      return yield* paginate(clientList, filter, paging, clients.list)
    })

    const update = Effect.fn("Clients.update")(function* (
      id: ClientId,
      patch: UpdateClientInput,
      options: WriteOptions = {}
    ) {
      const valid = definedOnly(yield* validateUpdate(patch))
      const { expectedVersion } = yield* validateOptions(options)
      return yield* uow.write(
        Effect.gen(function* () {
          const current = yield* writes.loadForWrite(id, expectedVersion)
          yield* checkOwner(valid.ownerId)
          return yield* writes.save(current, valid, "client.updated")
        })
      )
    })

    const archive = Effect.fn("Clients.archive")(function* (id: ClientId, options: WriteOptions = {}) {
      const { expectedVersion } = yield* validateOptions(options)
      return yield* uow.write(
        Effect.gen(function* () {
          const current = yield* writes.loadForWrite(id, expectedVersion)
          if (current.archivedAt !== null) return current
          return yield* writes.save(current, { archivedAt: yield* now }, "client.archived")
        })
      )
    })

    const restore = Effect.fn("Clients.restore")(function* (id: ClientId, options: WriteOptions = {}) {
      const { expectedVersion } = yield* validateOptions(options)
      return yield* uow.write(
        Effect.flatMap(writes.loadForWrite(id, expectedVersion), (current) =>
          writes.save(current, { archivedAt: null }, "client.restored")
        )
      )
    })

    const remove = Effect.fn("Clients.remove")(function* (id: ClientId, options: WriteOptions = {}) {
      const { expectedVersion } = yield* validateOptions(options)
      return yield* uow.write(
        Effect.gen(function* () {
          const current = yield* writes.loadForWrite(id, expectedVersion)
          const projectCount = yield* projects.count({ clientId: id })
          if (projectCount > 0) {
            return yield* HasDependents.of(
              "client",
              id,
              [{ entity: "project", count: projectCount }],
              "archive the client instead"
            )
          }
          // The client's history goes with it: its interactions and contacts.
          const removedInteractions = yield* interactions.removeWhere({ clientId: id })
          const removedContacts = yield* contacts.removeWhere({ clientId: id })
          yield* uow.record([
            ...interactionWrites.removedEvents(removedInteractions, "interaction.deleted"),
            ...contactWrites.removedEvents(removedContacts, "contact.deleted")
          ])
          yield* writes.remove(current, "client.deleted")
        })
      )
    })

    return access.guard("Clients", { create, get, list, update, archive, restore, remove })
  })
}) {}
