/** @agency-crm/webhooks: webhooks built as a plugin — Standard Webhooks signatures, per-subscription ordered
 * at-least-once delivery with retries, a delivery log and replay. */
export { webhooks, webhooksCore } from "./plugin.js"
export { Webhooks, type WebhookError, type WebhooksService, messageIdOf } from "./Webhooks.js"
export { DEFAULT_RETRY_SCHEDULE_MS, WebhookSettings } from "./settings.js"
export { WebhooksApi } from "./api.js"
export * from "./domain.js"
export { newSecret, signature } from "./signing.js"
