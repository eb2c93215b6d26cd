import { ClientId, EventType, ProjectId, eventTypeMatches } from "@agency-crm/core"
import { Schema } from "effect"

/** The id of a webhook subscription. */
export const SubscriptionId = Schema.String.pipe(Schema.pattern(/^whs_[0-9a-f-]{36}$/), Schema.brand("SubscriptionId"))
/** The id of a webhook subscription. */
export type SubscriptionId = typeof SubscriptionId.Type

/** The id of one delivery attempt. */
export const AttemptId = Schema.String.pipe(Schema.pattern(/^wha_[0-9a-f-]{36}$/), Schema.brand("AttemptId"))
/** The id of one delivery attempt. */
export type AttemptId = typeof AttemptId.Type

const knownTypes: ReadonlyArray<string> = EventType.literals

/** An event type, a wildcard over an entity's types (`task.*`), or every type (`*`). */
export const EventTypePattern = Schema.String.pipe(
  Schema.filter((pattern) =>
    knownTypes.some((type) => eventTypeMatches(pattern, type))
      ? true
      : `${pattern} names no event type (use a type such as task.status_changed, a wildcard such as task.*, or *)`
  ),
  Schema.annotations({
    description: "An event type (`task.status_changed`), every type of an entity (`task.*`) or every type (`*`).",
    examples: ["task.*", "project.completed"]
  })
)

/** Where deliveries go: an absolute http(s) URL without credentials. */
export const WebhookUrl = Schema.String.pipe(
  Schema.maxLength(2048),
  Schema.filter((text) => {
    let url: URL
    try {
      url = new URL(text)
    } catch {
      return "must be an absolute URL"
    }
    if (url.protocol !== "https:" && url.protocol !== "http:") return "must be an http or https URL"
    if (url.username !== "" || url.password !== "") return "must not carry credentials"
    return true
  }),
  Schema.annotations({
    description: "An absolute http(s) URL; no credentials in it.",
    examples: ["https://hooks.example.com/crm"]
  })
)

/** How a subscription is doing: `failing` once an event has exhausted its retries (delivery stops there until it is
 * replayed or reactivated; nothing after it is lost). */
export const SubscriptionState = Schema.Literal("healthy", "failing")

/** A webhook subscription, as the API shows it (never its secret). */
export class Subscription extends Schema.Class<Subscription>("WebhookSubscription")({
  id: SubscriptionId,
  url: WebhookUrl,
  eventTypes: Schema.Array(EventTypePattern),
  clientId: Schema.NullOr(ClientId),
  projectId: Schema.NullOr(ProjectId),
  active: Schema.Boolean,
  state: SubscriptionState,
  /** When it started failing; `null` while healthy. */
  failingSince: Schema.NullOr(Schema.DateTimeUtc),
  /** The last event sequence delivered (or passed over as not matching). */
  position: Schema.Int,
  /** Until when the previous secret still signs, after a rotation; `null` when only one secret signs. */
  previousSecretValidUntil: Schema.NullOr(Schema.DateTimeUtc),
  createdAt: Schema.DateTimeUtc,
  updatedAt: Schema.DateTimeUtc
}) {}

const patterns = Schema.Array(EventTypePattern).pipe(Schema.minItems(1), Schema.maxItems(50))

/** A new subscription. */
export const CreateSubscriptionInput = Schema.Struct({
  url: WebhookUrl,
  eventTypes: patterns,
  /** Only events of this client (organization). */
  clientId: Schema.optional(Schema.NullOr(ClientId)),
  /** Only events of this project. */
  projectId: Schema.optional(Schema.NullOr(ProjectId)),
  /** Default true. */
  active: Schema.optional(Schema.Boolean),
  /** Deliver events committed after this sequence; default: only events committed from now on. */
  fromSequence: Schema.optional(Schema.Int.pipe(Schema.greaterThanOrEqualTo(0)))
})
/** A new subscription. */
export type CreateSubscriptionInput = typeof CreateSubscriptionInput.Type

/** Changes to a subscription; reactivating a failing one resumes delivery where it stopped. */
export const UpdateSubscriptionInput = Schema.Struct({
  url: Schema.optional(WebhookUrl),
  eventTypes: Schema.optional(patterns),
  clientId: Schema.optional(Schema.NullOr(ClientId)),
  projectId: Schema.optional(Schema.NullOr(ProjectId)),
  active: Schema.optional(Schema.Boolean)
})
/** Changes to a subscription. */
export type UpdateSubscriptionInput = typeof UpdateSubscriptionInput.Type

/** A subscription just created, with its signing secret: shown this once. */
export class CreatedSubscription extends Schema.Class<CreatedSubscription>("CreatedWebhookSubscription")({
  subscription: Subscription,
  /** The signing secret (`whsec_…`, Standard Webhooks format): store it now, it is not shown again. */
  secret: Schema.String
}) {}

/** A rotated secret: shown this once. */
export class RotatedSecret extends Schema.Class<RotatedSecret>("RotatedWebhookSecret")({
  subscription: Subscription,
  secret: Schema.String
}) {}

/** How long the previous secret keeps signing after a rotation. */
export const RotateSecretInput = Schema.Struct({
  /** Seconds during which both secrets sign (0 to 7 days); default 24 hours. */
  overlapSeconds: Schema.optional(Schema.Int.pipe(Schema.between(0, 7 * 24 * 3600)))
})

/** Where a replay starts. */
export const ReplayInput = Schema.Struct({
  /** Deliver again every matching event with a sequence at or above this one, in order. */
  fromSequence: Schema.Int.pipe(Schema.greaterThanOrEqualTo(1))
})

/** One delivery attempt, as the delivery log keeps it. */
export class DeliveryAttempt extends Schema.Class<DeliveryAttempt>("WebhookDeliveryAttempt")({
  id: AttemptId,
  subscriptionId: SubscriptionId,
  /** The `webhook-id` sent: the same on every attempt of one event to one subscription. */
  messageId: Schema.String,
  sequence: Schema.Int,
  eventType: Schema.String,
  /** 1 for the first attempt of a delivery, counting up through its retries. */
  attempt: Schema.Int,
  succeeded: Schema.Boolean,
  /** The receiver's status code; `null` when no response came (refused address, timeout, network error). */
  statusCode: Schema.NullOr(Schema.Int),
  latencyMs: Schema.Int,
  error: Schema.NullOr(Schema.String),
  attemptedAt: Schema.DateTimeUtc
}) {}

/** A subscription, a logged delivery attempt or the event it carried does not exist. */
export class WebhookNotFound extends Schema.TaggedError<WebhookNotFound>()("WebhookNotFound", {
  resource: Schema.Literal("subscription", "delivery", "event"),
  id: Schema.String,
  message: Schema.String
}) {
  /** The error for `resource` `id`. */
  static of(resource: "subscription" | "delivery" | "event", id: string): WebhookNotFound {
    return new WebhookNotFound({ resource, id, message: `webhook ${resource} ${id} does not exist` })
  }
}
