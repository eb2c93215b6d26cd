import { OpenApi } from "@effect/platform"
import { Contact, ContactId, CreateContactInput, ReferencedEntityMissing, UpdateContactInput } from "@agency-crm/core"
import { Authentication } from "./Authentication.js"
import { crudGroup } from "./crud.js"
import { ContactParams } from "./queries.js"

/** People at clients. */
export const ContactsApi = crudGroup("contacts", {
  path: "/contacts",
  noun: "contact",
  plural: "contacts",
  entity: Contact,
  created: Contact,
  id: ContactId,
  params: ContactParams,
  create: CreateContactInput,
  update: UpdateContactInput
})
  .addError(ReferencedEntityMissing, { status: 422 })
  .middleware(Authentication)
  .annotate(OpenApi.Description, "The people of each client.")
