import { CampaignType } from "@agency-crm/core"
import { Schema } from "effect"

/** One task of a checklist: its title, and when it is due, in days after the project starts. */
export const ChecklistItem = Schema.Struct({
  title: Schema.String.pipe(Schema.minLength(1), Schema.maxLength(200)),
  dueInDays: Schema.optional(Schema.Int.pipe(Schema.between(0, 365)))
})

/** The settings of the checklists plugin. */
export const ChecklistSettings = Schema.Struct({
  /** The standard tasks of each campaign type; types without an entry get none. */
  checklists: Schema.partial(
    Schema.Record({ key: CampaignType, value: Schema.Array(ChecklistItem).pipe(Schema.maxItems(50)) })
  ),
  /** Campaign types whose projects may not start without a budget. */
  requireBudgetFor: Schema.optionalWith(Schema.Array(CampaignType), { default: () => [] })
})
/** The settings of the checklists plugin, validated. */
export type ChecklistSettings = typeof ChecklistSettings.Type
