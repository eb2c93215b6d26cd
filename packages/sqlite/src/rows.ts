import {
  HumanAllocation,
  Interaction,
  MaterialAllocation,
  Money,
  Objectives,
  Project,
  ProjectProgress,
  ProjectReview,
  Adjustments,
  Client,
  Contact,
  DomainEvent,
  FieldChange,
  IdempotencyRecord,
  StoredApiKey,
  Task,
  TeamMember
} from "@agency-crm/core"
import { Schema } from "effect"
import { BooleanColumn, JsonColumn, NullableTimeColumn, TimeColumn } from "./columns.js"

// Each row schema is the entity's own fields with column encodings, decoded into the domain class:
// rows are validated on the way in, and written through the same schema on the way out.

const bookkeeping = { createdAt: TimeColumn, updatedAt: TimeColumn }

/** A `team_members` row. */
export const TeamMemberRow = Schema.transform(
  Schema.Struct({ ...TeamMember.fields, ...bookkeeping, active: BooleanColumn }),
  Schema.typeSchema(TeamMember),
  { strict: true, decode: (row) => new TeamMember(row, true), encode: (m) => ({ ...m }) }
)

/** A `clients` row. */
export const ClientRow = Schema.transform(
  Schema.Struct({ ...Client.fields, ...bookkeeping, archivedAt: NullableTimeColumn }),
  Schema.typeSchema(Client),
  { strict: true, decode: (row) => new Client(row, true), encode: (c) => ({ ...c }) }
)

/** A `contacts` row. */
export const ContactRow = Schema.transform(
  Schema.Struct({ ...Contact.fields, ...bookkeeping, isPrimary: BooleanColumn }),
  Schema.typeSchema(Contact),
  { strict: true, decode: (row) => new Contact(row, true), encode: (c) => ({ ...c }) }
)

/** A `projects` row. */
export const ProjectRow = Schema.transform(
  Schema.Struct({
    ...Project.fields,
    ...bookkeeping,
    objectives: JsonColumn(Objectives),
    budget: Schema.NullOr(JsonColumn(Money)),
    completedAt: NullableTimeColumn,
    closedAt: NullableTimeColumn
  }),
  Schema.typeSchema(Project),
  { strict: true, decode: (row) => new Project(row, true), encode: (p) => ({ ...p }) }
)

/** A `tasks` row. */
export const TaskRow = Schema.transform(
  Schema.Struct({ ...Task.fields, ...bookkeeping, completedAt: NullableTimeColumn }),
  Schema.typeSchema(Task),
  { strict: true, decode: (row) => new Task(row, true), encode: (t) => ({ ...t }) }
)

const HumanAllocationRow = Schema.transform(
  Schema.Struct({ ...HumanAllocation.fields, ...bookkeeping }),
  Schema.typeSchema(HumanAllocation),
  { strict: true, decode: (row) => new HumanAllocation(row, true), encode: (a) => ({ ...a }) }
)

const MaterialAllocationRow = Schema.transform(
  Schema.Struct({ ...MaterialAllocation.fields, ...bookkeeping, unitCost: JsonColumn(Money) }),
  Schema.typeSchema(MaterialAllocation),
  { strict: true, decode: (row) => new MaterialAllocation(row, true), encode: (a) => ({ ...a }) }
)

/** An `allocations` row: one table for both kinds, the other kind's columns NULL. */
export const AllocationRow = Schema.Union(HumanAllocationRow, MaterialAllocationRow)

/** An `interactions` row. */
export const InteractionRow = Schema.transform(
  Schema.Struct({ ...Interaction.fields, ...bookkeeping, occurredAt: TimeColumn }),
  Schema.typeSchema(Interaction),
  { strict: true, decode: (row) => new Interaction(row, true), encode: (i) => ({ ...i }) }
)

/** A `reviews` row. */
export const ReviewRow = Schema.transform(
  Schema.Struct({
    ...ProjectReview.fields,
    ...bookkeeping,
    reviewedAt: TimeColumn,
    adjustments: JsonColumn(Adjustments),
    progress: JsonColumn(ProjectProgress)
  }),
  Schema.typeSchema(ProjectReview),
  { strict: true, decode: (row) => new ProjectReview(row, true), encode: (r) => ({ ...r }) }
)

/** An `events` row. */
export const EventRow = Schema.transform(
  Schema.Struct({ ...DomainEvent.fields, occurredAt: TimeColumn, changes: JsonColumn(Schema.Array(FieldChange)) }),
  Schema.typeSchema(DomainEvent),
  { strict: true, decode: (row) => new DomainEvent(row, true), encode: (e) => ({ ...e }) }
)

/** An `api_keys` row. */
export const ApiKeyRow = Schema.transform(
  Schema.Struct({
    ...StoredApiKey.fields,
    ...bookkeeping,
    lastUsedAt: NullableTimeColumn,
    revokedAt: NullableTimeColumn
  }),
  Schema.typeSchema(StoredApiKey),
  { strict: true, decode: (row) => new StoredApiKey(row, true), encode: (k) => ({ ...k }) }
)

/** An `idempotency_keys` row. */
export const IdempotencyRow = Schema.transform(
  Schema.Struct({
    ...IdempotencyRecord.fields,
    headers: JsonColumn(Schema.Record({ key: Schema.String, value: Schema.String })),
    createdAt: TimeColumn
  }),
  Schema.typeSchema(IdempotencyRecord),
  { strict: true, decode: (row) => new IdempotencyRecord(row, true), encode: (r) => ({ ...r }) }
)
