import { Contact, contactAggregate, CreateContactInput, UpdateContactInput } from "@agency-crm/core"
import { OpenApi } from "@effect/platform"
import { Authentication } from "./Authentication.js"
import { crudGroup, Statuses } from "./crud.js"

/** People at clients. */
export const ContactsApi = crudGroup("contacts", contactAggregate, {
  entity: Contact,
  created: Contact,
  create: CreateContactInput,
  update: UpdateContactInput,
  // Taking the primary flag rewrites the client's previous primary contact, which a concurrent write may move.
  errors: { create: [Statuses.NotFound, Statuses.VersionConflict] }
})
  .middleware(Authentication)
  .annotate(OpenApi.Description, "The people of each client.")
