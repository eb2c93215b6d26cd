import { Effect } from "effect"
import { contactAggregate, CreateContactInput, UpdateContactInput } from "../domain/Contact.js"
import { type ClientId, ContactId } from "../domain/Ids.js"
import { WriteOptions } from "../domain/Text.js"
import { validate } from "../domain/Validation.js"
import { IdGenerator } from "../ports/IdGenerator.js"
import { crudOf } from "./Crud.js"
import { Dependents } from "./Dependents.js"
import { now, UnitOfWork } from "./UnitOfWork.js"
import { Access } from "./Access.js"

/** People at clients, with their position; one primary contact per client. */
export class Contacts extends Effect.Service<Contacts>()("@agency-crm/core/Contacts", {
  dependencies: [UnitOfWork.Default, Access.Default, Dependents.Default],
  effect: Effect.gen(function* () {
    const access = yield* Access
    const crud = yield* crudOf(contactAggregate)
    const { repository: contacts, writes } = crud
    const { get, list, remove } = crud.operations("Contacts")
    const ids = yield* IdGenerator
    const uow = yield* UnitOfWork
    const validateCreate = validate(CreateContactInput)

    // Taking the primary flag clears it on the client's other contacts, each change recorded.
    const clearPrimary = (clientId: ClientId, except: ContactId) =>
      Effect.gen(function* () {
        const primaries = yield* contacts.list({
          filter: { clientId, isPrimary: true },
          sortBy: "createdAt",
          order: "asc",
          limit: 200,
          after: null
        })
        for (const previous of primaries) {
          if (previous.id !== except) yield* writes.save(previous, { isPrimary: false }, "contact.updated")
        }
      })

    const create = Effect.fn("Contacts.create")(function* (input: CreateContactInput) {
      const valid = yield* validateCreate(input)
      return yield* uow.write(
        Effect.gen(function* () {
          yield* crud.checkReferences(valid)
          const at = yield* now
          const contact = crud.model.make({
            id: ContactId.make(yield* ids.next),
            clientId: valid.clientId,
            name: valid.name,
            email: valid.email ?? null,
            phone: valid.phone ?? null,
            positionId: valid.positionId ?? null,
            position: valid.position ?? null,
            isPrimary: valid.isPrimary ?? false,
            notes: valid.notes ?? null,
            version: 1,
            createdAt: at,
            updatedAt: at
          })
          if (contact.isPrimary) yield* clearPrimary(contact.clientId, contact.id)
          yield* writes.insert(contact, "contact.created")
          return contact
        })
      )
    })

    const update = Effect.fn("Contacts.update")(function* (
      id: ContactId,
      patch: UpdateContactInput,
      options: WriteOptions = {}
    ) {
      return yield* crud.update(id, patch, options, (current, valid) =>
        valid.isPrimary === true && !current.isPrimary ? clearPrimary(current.clientId, id) : Effect.void
      )
    })

    return access.guard("Contacts", { create, get, list, update, remove })
  })
}) {}
