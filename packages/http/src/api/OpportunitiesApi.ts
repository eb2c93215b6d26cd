import {
  CreateOpportunityInput,
  MoveOpportunityInput,
  Opportunity,
  opportunityAggregate,
  OpportunityId,
  Page,
  Pipeline,
  PipelineQuery,
  ReopenOpportunityInput,
  ResumeOpportunityInput,
  StageChange,
  UpdateOpportunityInput,
  WinOpportunityInput,
  WonOpportunity
} from "@agency-crm/core"
import { HttpApiEndpoint, OpenApi } from "@effect/platform"
import { Authentication } from "./Authentication.js"
import { addErrors, conditionalErrors, crudGroup, IdPath, IfMatch, postErrors, Statuses } from "./crud.js"
import { strict } from "./params.js"
import { TimelineParams } from "./TimelineApi.js"

const path = IdPath(OpportunityId)

const stageWrite = <const Name extends string>(name: Name) =>
  addErrors(
    HttpApiEndpoint.post(name, `/opportunities/:id/${name}`).setPath(path).setHeaders(IfMatch).addSuccess(Opportunity),
    [...postErrors, ...conditionalErrors, Statuses.InvalidTransition]
  )

/** Sales opportunities, their stages, stage history and the pipeline. */
export const OpportunitiesApi = crudGroup("opportunities", opportunityAggregate, {
  entity: Opportunity,
  created: Opportunity,
  create: CreateOpportunityInput,
  update: UpdateOpportunityInput,
  errors: { create: [Statuses.RuleViolated], update: [Statuses.RuleViolated] }
})
  .add(
    stageWrite("move")
      .setPayload(strict(MoveOpportunityInput))
      .annotate(OpenApi.Summary, "Move an opportunity to another stage")
      .annotate(
        OpenApi.Description,
        "Forward one stage, back any number with a `note`, or closed as standby, rejected or not qualified. The " +
          "probability becomes the stage's unless given. Every move is recorded in the stage history."
      )
  )
  .add(
    stageWrite("resume")
      .setPayload(strict(ResumeOpportunityInput))
      .annotate(OpenApi.Summary, "Resume an opportunity in standby")
      .annotate(OpenApi.Description, "It goes back to the stage it paused in.")
  )
  .add(
    stageWrite("reopen")
      .setPayload(strict(ReopenOpportunityInput))
      .annotate(OpenApi.Summary, "Reopen a rejected or not qualified opportunity")
      .annotate(OpenApi.Description, "To `to`, or to the stage it was closed in.")
  )
  .add(
    addErrors(
      HttpApiEndpoint.post("win", "/opportunities/:id/win")
        .setPath(path)
        .setHeaders(IfMatch)
        .setPayload(strict(WinOpportunityInput))
        .addSuccess(WonOpportunity),
      [
        ...postErrors,
        ...conditionalErrors,
        Statuses.InvalidTransition,
        Statuses.AlreadyExists,
        Statuses.RuleViolated,
        Statuses.ReferencedEntityMissing
      ]
    )
      .annotate(OpenApi.Summary, "Win an opportunity: record its sales order")
      .annotate(
        OpenApi.Description,
        "From negotiation. Records the sales order (number `SO-<year>-<n>` unless given, the opportunity's amount " +
          "unless given, today unless dated), makes a prospect a client and, with `project`, opens the first " +
          "project of the campaign (budget: the order's amount), all in one write."
      )
  )
  .add(
    HttpApiEndpoint.get("history", "/opportunities/:id/history")
      .setPath(path)
      .setUrlParams(TimelineParams)
      .addSuccess(Page(StageChange))
      .addError(Statuses.NotFound)
      .annotate(OpenApi.Summary, "Stage history of an opportunity")
      .annotate(OpenApi.Description, "Every stage change (when, who, from, to, note), oldest first.")
  )
  .add(
    HttpApiEndpoint.get("pipeline", "/pipeline")
      .setUrlParams(PipelineQuery)
      .addSuccess(Pipeline)
      .annotate(OpenApi.Summary, "The sales pipeline")
      .annotate(
        OpenApi.Description,
        "Open opportunities by stage: count, total and probability-weighted amount per currency. Filters: owner, " +
          "lead source, market, expected close date (`closeFrom` inclusive, `closeBefore` exclusive)."
      )
  )
  .middleware(Authentication)
  .annotate(
    OpenApi.Description,
    "Sales opportunities from first interest to the sales order, their stage history and the pipeline."
  )
