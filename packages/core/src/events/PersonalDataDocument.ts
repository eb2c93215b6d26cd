import { Schema } from "effect"
import { Contact } from "../domain/Contact.js"
import { Interaction } from "../domain/Interaction.js"
import { Opportunity } from "../domain/Opportunity.js"
import { DomainEvent } from "./DomainEvent.js"

/** Everything the CRM holds about one person: their contact record, the interactions with them, the opportunities
 * where they are the contact, and every recorded change of their record. */
export class PersonalDataDocument extends Schema.Class<PersonalDataDocument>("PersonalDataDocument")({
  exportedAt: Schema.DateTimeUtc,
  contact: Contact,
  interactions: Schema.Array(Interaction),
  opportunities: Schema.Array(Opportunity),
  history: Schema.Array(DomainEvent)
}) {}
