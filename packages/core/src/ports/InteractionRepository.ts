import { Context } from "effect"
import type { Interaction, InteractionFilter, InteractionSortField } from "../domain/Interaction.js"
import type { InteractionId } from "../domain/Ids.js"
import type { Repository } from "./Repository.js"

/** Storage of interactions. */
export interface InteractionRepositoryService extends Repository<
  Interaction,
  InteractionId,
  InteractionFilter,
  InteractionSortField
> {}

/** Storage of interactions. */
export class InteractionRepository extends Context.Tag("@agency-crm/core/InteractionRepository")<
  InteractionRepository,
  InteractionRepositoryService
>() {}
