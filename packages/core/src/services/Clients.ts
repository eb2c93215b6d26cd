import { Effect } from "effect"
import { clientAggregate, CreateClientInput, UpdateClientInput } from "../domain/Client.js"
import { ClientId } from "../domain/Ids.js"
import { WriteOptions } from "../domain/Text.js"
import { validate } from "../domain/Validation.js"
import { IdGenerator } from "../ports/IdGenerator.js"
import { Access } from "./Access.js"
import { crudOf } from "./Crud.js"
import { Dependents } from "./Dependents.js"
import { now, UnitOfWork } from "./UnitOfWork.js"

/** Clients, prospects, suppliers and partners of the agency. */
export class Clients extends Effect.Service<Clients>()("@agency-crm/core/Clients", {
  dependencies: [UnitOfWork.Default, Access.Default, Dependents.Default],
  effect: Effect.gen(function* () {
    const access = yield* Access
    const crud = yield* crudOf(clientAggregate)
    const { writes } = crud
    const { get, list, remove } = crud.operations("Clients")
    const ids = yield* IdGenerator
    const uow = yield* UnitOfWork
    const validateCreate = validate(CreateClientInput)

    const create = Effect.fn("Clients.create")(function* (input: CreateClientInput) {
      const valid = yield* validateCreate(input)
      return yield* uow.write(
        Effect.gen(function* () {
          yield* crud.checkReferences(valid)
          const at = yield* now
          const client = crud.model.make({
            id: ClientId.make(yield* ids.next),
            name: valid.name,
            kind: valid.kind ?? "prospect",
            industry: valid.industry ?? null,
            website: valid.website ?? null,
            email: valid.email ?? null,
            phone: valid.phone ?? null,
            notes: valid.notes ?? null,
            ownerId: valid.ownerId ?? null,
            marketId: valid.marketId ?? null,
            originationId: valid.originationId ?? null,
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

    const update = Effect.fn("Clients.update")(function* (
      id: ClientId,
      patch: UpdateClientInput,
      options: WriteOptions = {}
    ) {
      return yield* crud.update(id, patch, options)
    })

    const archive = Effect.fn("Clients.archive")(function* (id: ClientId, options: WriteOptions = {}) {
      return yield* crud.setArchived(id, true, options)
    })

    const restore = Effect.fn("Clients.restore")(function* (id: ClientId, options: WriteOptions = {}) {
      return yield* crud.setArchived(id, false, options)
    })

    return access.guard("Clients", { create, get, list, update, archive, restore, remove })
  })
}) {}
