import type { EventRefs } from "../aggregate/Aggregate.js"
import type { EntityType } from "../domain/EntityType.js"
import type { EventDraft, EventType, FieldChange } from "./DomainEvent.js"

/** Builds an event draft. */
export const draft = (
  type: EventType,
  entityType: EntityType,
  entityId: string,
  refs: EventRefs,
  changes: ReadonlyArray<FieldChange>
): EventDraft => ({
  type,
  entityType,
  entityId,
  clientId: refs.clientId ?? null,
  projectId: refs.projectId ?? null,
  assigneeId: refs.assigneeId ?? null,
  changes
})
