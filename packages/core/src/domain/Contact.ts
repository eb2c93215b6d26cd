import { Schema } from "effect"
import { entityFields, type ListSpec, nameKey, timeKey } from "./Entity.js"
import { ClientId, ContactId } from "./Ids.js"
import { pagingFields } from "./Paging.js"
import { Email, LongText, Name, ShortText } from "./Text.js"

export { ContactId } from "./Ids.js"

/** A person at a client; at most one contact per client is primary. */
export class Contact extends Schema.Class<Contact>("Contact")({
  ...entityFields(ContactId),
  clientId: ClientId,
  name: Name,
  email: Schema.NullOr(Email),
  phone: Schema.NullOr(ShortText),
  position: Schema.NullOr(ShortText),
  isPrimary: Schema.Boolean,
  notes: Schema.NullOr(LongText)
}) {}

/** Input of `Contacts.create`; a primary contact takes the flag from the client's previous one. */
export const CreateContactInput = Schema.Struct({
  clientId: ClientId,
  name: Name,
  email: Schema.optional(Schema.NullOr(Email)),
  phone: Schema.optional(Schema.NullOr(ShortText)),
  position: Schema.optional(Schema.NullOr(ShortText)),
  isPrimary: Schema.optional(Schema.Boolean),
  notes: Schema.optional(Schema.NullOr(LongText))
})
/** Input of `Contacts.create`. */
export type CreateContactInput = typeof CreateContactInput.Type

/** Input of `Contacts.update`: only the given fields change; a contact never moves to another client. */
export const UpdateContactInput = Schema.Struct({
  name: Schema.optional(Name),
  email: Schema.optional(Schema.NullOr(Email)),
  phone: Schema.optional(Schema.NullOr(ShortText)),
  position: Schema.optional(Schema.NullOr(ShortText)),
  isPrimary: Schema.optional(Schema.Boolean),
  notes: Schema.optional(Schema.NullOr(LongText))
})
/** Input of `Contacts.update`. */
export type UpdateContactInput = typeof UpdateContactInput.Type

/** Filters of a contact list. */
export const ContactFilter = Schema.Struct({
  clientId: Schema.optional(ClientId),
  isPrimary: Schema.optional(Schema.Boolean)
})
/** Filters of a contact list. */
export type ContactFilter = typeof ContactFilter.Type

/** Fields a contact list can be sorted by. */
export const ContactSortField = Schema.Literal("name", "createdAt")
/** Fields a contact list can be sorted by. */
export type ContactSortField = typeof ContactSortField.Type

/** Query of `Contacts.list`. */
export const ContactListQuery = Schema.Struct({ ...ContactFilter.fields, ...pagingFields(ContactSortField) })
/** Query of `Contacts.list`. */
export type ContactListQuery = typeof ContactListQuery.Type

/** How contacts are listed. */
export const contactList: ListSpec<Contact, ContactSortField> = {
  entity: "contact",
  sortKey: (c, field) => (field === "name" ? nameKey(c.name) : timeKey(c.createdAt)),
  defaultSortBy: "name",
  defaultOrder: "asc"
}
