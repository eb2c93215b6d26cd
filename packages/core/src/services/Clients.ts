import { Effect } from "effect"
import { Client, ClientListQuery, clientList, CreateClientInput, UpdateClientInput } from "../domain/Client.js"
import { HasDependents } from "../domain/Errors.js"
import { ClientId, type TeamMemberId } from "../domain/Ids.js"
import { WriteOptions } from "../domain/Text.js"
import { validate } from "../domain/Validation.js"
import { changesOf } from "../events/Changes.js"
import { Contact } from "../domain/Contact.js"
import { Interaction } from "../domain/Interaction.js"
import { ClientRepository } from "../ports/ClientRepository.js"
import { ContactRepository } from "../ports/ContactRepository.js"
import { IdGenerator } from "../ports/IdGenerator.js"
import { InteractionRepository } from "../ports/InteractionRepository.js"
import { ProjectRepository } from "../ports/ProjectRepository.js"
import { TeamMemberRepository } from "../ports/TeamMemberRepository.js"
import { checkVersion, definedOnly, draft, load, paginate, reference, splitQuery } from "./internal.js"
import { now, UnitOfWork } from "./UnitOfWork.js"

/** Clients, prospects, suppliers and partners of the agency. */
export class Clients extends Effect.Service<Clients>()("@agency-crm/core/Clients", {
  dependencies: [UnitOfWork.Default],
  effect: Effect.gen(function* () {
    const clients = yield* ClientRepository
    const contacts = yield* ContactRepository
    const interactions = yield* InteractionRepository
    const projects = yield* ProjectRepository
    const members = yield* TeamMemberRepository
    const ids = yield* IdGenerator
    const uow = yield* UnitOfWork
    const changes = changesOf(Client)
    const contactChanges = changesOf(Contact)
    const interactionChanges = changesOf(Interaction)
    const validateCreate = validate(CreateClientInput)
    const validateUpdate = validate(UpdateClientInput)
    const validateQuery = validate(ClientListQuery)
    const validateOptions = validate(WriteOptions)

    const checkOwner = (ownerId: TeamMemberId | null | undefined) =>
      ownerId == null ? Effect.void : Effect.asVoid(reference("ownerId", "team_member", members.findById, ownerId))

    const get = Effect.fn("Clients.get")(function* (id: ClientId) {
      return yield* load("client", clients.findById, id)
    })

    const create = Effect.fn("Clients.create")(function* (input: CreateClientInput) {
      const valid = yield* validateCreate(input)
      return yield* uow.write(
        Effect.gen(function* () {
          yield* checkOwner(valid.ownerId)
          const at = yield* now
          const client = new Client({
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
          yield* clients.insert(client)
          yield* uow.record([
            draft("client.created", "client", client.id, { clientId: client.id }, changes(null, client))
          ])
          return client
        })
      )
    })

    const list = Effect.fn("Clients.list")(function* (query: ClientListQuery = {}) {
      const { filter, paging } = splitQuery(yield* validateQuery(query))
      return yield* paginate(clientList, filter, paging, clients.list)
    })

    const change = (
      id: ClientId,
      expectedVersion: number | undefined,
      type: "client.updated" | "client.archived" | "client.restored",
      apply: (current: Client) => Partial<Client>
    ) =>
      uow.write(
        Effect.gen(function* () {
          const current = yield* get(id)
          yield* checkVersion("client", current, expectedVersion)
          const next = new Client({
            ...current,
            ...apply(current),
            version: current.version + 1,
            updatedAt: yield* now
          })
          const diff = changes(current, next)
          if (diff.length === 0) return current
          yield* clients.update(next)
          yield* uow.record([draft(type, "client", id, { clientId: id }, diff)])
          return next
        })
      )

    const update = Effect.fn("Clients.update")(function* (
      id: ClientId,
      patch: UpdateClientInput,
      options: WriteOptions = {}
    ) {
      const valid = definedOnly(yield* validateUpdate(patch))
      const { expectedVersion } = yield* validateOptions(options)
      return yield* uow.write(
        Effect.zipRight(
          checkOwner(valid.ownerId),
          change(id, expectedVersion, "client.updated", () => valid)
        )
      )
    })

    const archive = Effect.fn("Clients.archive")(function* (id: ClientId, options: WriteOptions = {}) {
      const { expectedVersion } = yield* validateOptions(options)
      const at = yield* now
      return yield* change(id, expectedVersion, "client.archived", (c) =>
        c.archivedAt === null ? { archivedAt: at } : {}
      )
    })

    const restore = Effect.fn("Clients.restore")(function* (id: ClientId, options: WriteOptions = {}) {
      const { expectedVersion } = yield* validateOptions(options)
      return yield* change(id, expectedVersion, "client.restored", () => ({ archivedAt: null }))
    })

    const remove = Effect.fn("Clients.remove")(function* (id: ClientId, options: WriteOptions = {}) {
      const { expectedVersion } = yield* validateOptions(options)
      return yield* uow.write(
        Effect.gen(function* () {
          const current = yield* get(id)
          yield* checkVersion("client", current, expectedVersion)
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
          yield* clients.remove(current)
          yield* uow.record([
            ...removedInteractions.map((i) =>
              draft(
                "interaction.deleted",
                "interaction",
                i.id,
                { clientId: id, projectId: i.projectId },
                interactionChanges(i, null)
              )
            ),
            ...removedContacts.map((c) =>
              draft("contact.deleted", "contact", c.id, { clientId: id }, contactChanges(c, null))
            ),
            draft("client.deleted", "client", id, { clientId: id }, changes(current, null))
          ])
        })
      )
    })

    return { create, get, list, update, archive, restore, remove } as const
  })
}) {}
