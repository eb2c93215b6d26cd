import { apiWith } from "@agency-crm/http"
import { HttpApiBuilder } from "@effect/platform"
import { Effect } from "effect"
import { WebhooksApi } from "./api.js"
import { Webhooks } from "./Webhooks.js"

/** The handlers of the webhooks endpoints, on the `Webhooks` service. */
export const WebhooksHandlers = HttpApiBuilder.group(apiWith([WebhooksApi]), "webhooks", (handlers) =>
  Effect.map(Webhooks, (webhooks) =>
    handlers
      .handle("list", ({ urlParams }) => webhooks.list(urlParams))
      .handle("create", ({ payload }) => webhooks.create(payload))
      .handle("get", ({ path }) => webhooks.get(path.id))
      .handle("update", ({ path, payload }) => webhooks.update(path.id, payload))
      .handle("remove", ({ path }) => webhooks.remove(path.id))
      .handle("rotateSecret", ({ path, payload }) => webhooks.rotateSecret(path.id, payload.overlapSeconds))
      .handle("deliveries", ({ path, urlParams }) => webhooks.deliveries(path.id, urlParams))
      .handle("replay", ({ path, payload }) => webhooks.replayFrom(path.id, payload.fromSequence))
      .handle("replayDelivery", ({ path }) => webhooks.replayAttempt(path.id))
  )
)
