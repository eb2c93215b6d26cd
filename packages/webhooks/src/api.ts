/** @agency-crm/webhooks/api: the webhooks plugin's endpoints (no server code): list it in the typed client's
 * `plugins` to call them. */
import { Cursor, MAX_LIMIT, Page } from "@agency-crm/core"
import { PluginApiKit } from "@agency-crm/http/client"
import { HttpApiEndpoint, HttpApiGroup, HttpApiSchema, OpenApi } from "@effect/platform"
import { Schema } from "effect"
import {
  AttemptId,
  CreatedSubscription,
  CreateSubscriptionInput,
  DeliveryAttempt,
  ReplayInput,
  RotatedSecret,
  RotateSecretInput,
  Subscription,
  SubscriptionId,
  UpdateSubscriptionInput,
  WebhookNotFound
} from "./domain.js"

const { addErrors, Authentication, bodyErrors, IdPath, IntParam, Statuses, strict } = PluginApiKit

/** What a POST of this group may be refused for before its handler runs. */
const postErrors = [...bodyErrors, Statuses.IdempotencyKeyReused] as const

const NotFound = WebhookNotFound.annotations(HttpApiSchema.annotations({ status: 404 }))
const paging = Schema.Struct({ limit: Schema.optional(IntParam(1, MAX_LIMIT)), cursor: Schema.optional(Cursor) })
const one = "/webhooks/subscriptions/:id"

/** Webhook subscriptions, their delivery log and replay (admins only). */
export const WebhooksApi = HttpApiGroup.make("webhooks")
  .add(
    HttpApiEndpoint.get("list", "/webhooks/subscriptions")
      .setUrlParams(paging)
      .addSuccess(Page(Subscription))
      .annotate(OpenApi.Summary, "List webhook subscriptions")
      .annotate(OpenApi.Description, "Oldest first, cursor-paginated (limit 1–200). Secrets are never listed.")
  )
  .add(
    addErrors(
      HttpApiEndpoint.post("create", "/webhooks/subscriptions")
        .setPayload(strict(CreateSubscriptionInput))
        .addSuccess(CreatedSubscription, { status: 201 })
        .addError(Statuses.ReferencedEntityMissing),
      postErrors
    )
      .annotate(OpenApi.Summary, "Subscribe a URL to events")
      .annotate(
        OpenApi.Description,
        "Event types may use wildcards (`task.*`, `*`); `clientId` and `projectId` narrow the events. The response " +
          "holds the signing secret: it is shown this once."
      )
  )
  .add(
    HttpApiEndpoint.get("get", one)
      .setPath(IdPath(SubscriptionId))
      .addSuccess(Subscription)
      .addError(NotFound)
      .annotate(OpenApi.Summary, "Get a webhook subscription")
      .annotate(OpenApi.Description, "Its filters, state (healthy or failing) and delivery position.")
  )
  .add(
    addErrors(
      HttpApiEndpoint.patch("update", one)
        .setPath(IdPath(SubscriptionId))
        .setPayload(strict(UpdateSubscriptionInput))
        .addSuccess(Subscription)
        .addError(NotFound)
        .addError(Statuses.ReferencedEntityMissing),
      bodyErrors
    )
      .annotate(OpenApi.Summary, "Update a webhook subscription")
      .annotate(
        OpenApi.Description,
        "Only the given fields change. Setting `active: true` on a failing subscription resumes delivery where it stopped."
      )
  )
  .add(
    HttpApiEndpoint.del("remove", one)
      .setPath(IdPath(SubscriptionId))
      .addSuccess(HttpApiSchema.NoContent)
      .addError(NotFound)
      .annotate(OpenApi.Summary, "Delete a webhook subscription")
      .annotate(OpenApi.Description, "Deliveries stop at once; its delivery log goes with it.")
  )
  .add(
    addErrors(
      HttpApiEndpoint.post("rotateSecret", `${one}/rotate-secret`)
        .setPath(IdPath(SubscriptionId))
        .setPayload(strict(RotateSecretInput))
        .addSuccess(RotatedSecret)
        .addError(NotFound),
      postErrors
    )
      .annotate(OpenApi.Summary, "Rotate a subscription's signing secret")
      .annotate(
        OpenApi.Description,
        "The new secret is in the response, shown this once. During the overlap (default 24 hours) deliveries carry " +
          "a signature with each secret."
      )
  )
  .add(
    HttpApiEndpoint.get("deliveries", `${one}/deliveries`)
      .setPath(IdPath(SubscriptionId))
      .setUrlParams(paging)
      .addSuccess(Page(DeliveryAttempt))
      .addError(NotFound)
      .annotate(OpenApi.Summary, "A subscription's delivery log")
      .annotate(OpenApi.Description, "Every attempt, newest first: status code, latency and error.")
  )
  .add(
    addErrors(
      HttpApiEndpoint.post("replay", `${one}/replay`)
        .setPath(IdPath(SubscriptionId))
        .setPayload(strict(ReplayInput))
        .addSuccess(Subscription)
        .addError(NotFound),
      postErrors
    )
      .annotate(OpenApi.Summary, "Replay events from a sequence number")
      .annotate(
        OpenApi.Description,
        "Delivers again, in order, every matching event from `fromSequence` on; a failing subscription becomes healthy."
      )
  )
  .add(
    addErrors(
      HttpApiEndpoint.post("replayDelivery", "/webhooks/deliveries/:id/replay")
        .setPath(IdPath(AttemptId))
        .addSuccess(DeliveryAttempt)
        .addError(NotFound),
      postErrors
    )
      .annotate(OpenApi.Summary, "Send one delivery again")
      .annotate(
        OpenApi.Description,
        "Sends the event of a logged attempt again, now, with the same `webhook-id`, and answers the new attempt."
      )
  )
  .middleware(Authentication)
  .annotate(OpenApi.Title, "Webhooks")
  .annotate(
    OpenApi.Description,
    "Other systems told what happened: signed (Standard Webhooks) deliveries of events, in order, at least once."
  )

export * from "./domain.js"
