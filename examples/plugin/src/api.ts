/** The checklists plugin's endpoints (no server code): list `ChecklistsApi` in the typed client's `plugins`. */
import { CampaignType, ProjectId, TaskStatus } from "@agency-crm/core"
import { PluginApiKit } from "@agency-crm/http/client"
import { HttpApiEndpoint, HttpApiGroup, OpenApi } from "@effect/platform"
import { Schema } from "effect"
import { ChecklistItem } from "./settings.js"

const { Authentication, Statuses } = PluginApiKit

/** A project's checklist: each standard task and where it stands (`missing` until the plugin has created it). */
export class ChecklistProgress extends Schema.Class<ChecklistProgress>("ChecklistProgress")({
  projectId: ProjectId,
  campaignType: CampaignType,
  items: Schema.Array(
    Schema.Struct({ title: Schema.String, status: Schema.Union(TaskStatus, Schema.Literal("missing")) })
  ),
  done: Schema.Int,
  total: Schema.Int
}) {}

/** Campaign checklists: the standard tasks of each campaign type, and each project's progress through them. */
export const ChecklistsApi = HttpApiGroup.make("checklists")
  .add(
    HttpApiEndpoint.get("template", "/checklists/:campaignType")
      .setPath(Schema.Struct({ campaignType: CampaignType }))
      .addSuccess(Schema.Array(ChecklistItem))
      .annotate(OpenApi.Summary, "The checklist of a campaign type")
      .annotate(OpenApi.Description, "The standard tasks a project of this type gets when it starts.")
  )
  .add(
    HttpApiEndpoint.get("progress", "/projects/:id/checklist")
      .setPath(Schema.Struct({ id: ProjectId }))
      .addSuccess(ChecklistProgress)
      .addError(Statuses.NotFound)
      .annotate(OpenApi.Summary, "A project's checklist progress")
      .annotate(OpenApi.Description, "Each standard task of the project's campaign type, with its status.")
  )
  .middleware(Authentication)
  .annotate(OpenApi.Title, "Checklists")
  .annotate(OpenApi.Description, "Campaign checklists (the example plugin): standard tasks per campaign type.")
