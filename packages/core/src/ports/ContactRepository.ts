import { Context } from "effect"
import type { Contact, ContactFilter, ContactSortField } from "../domain/Contact.js"
import type { ContactId } from "../domain/Ids.js"
import type { Repository } from "./Repository.js"

/** Storage of contacts. */
export interface ContactRepositoryService extends Repository<Contact, ContactId, ContactFilter, ContactSortField> {}

/** Storage of contacts. */
export class ContactRepository extends Context.Tag("@agency-crm/core/ContactRepository")<
  ContactRepository,
  ContactRepositoryService
>() {}
