import { Plugins, PluginStartFailed } from "@agency-crm/core"
import { withEndpoints } from "@agency-crm/http"
import { Context, Effect } from "effect"
import { WebhooksApi } from "./api.js"
import { WebhooksHandlers } from "./handlers.js"
import { tables } from "./migrations.js"
import { WebhookSettings } from "./settings.js"
import { makeWebhooks, Webhooks } from "./Webhooks.js"

/** The webhooks plugin without its endpoints (for a CRM used in-process): subscriptions through the `Webhooks`
 * service. */
export const webhooksCore = Plugins.define({
  name: "webhooks",
  settings: WebhookSettings,
  tables,
  make: (settings) =>
    Effect.map(
      Effect.mapError(
        makeWebhooks(settings),
        (error) => new PluginStartFailed({ plugin: "webhooks", message: `webhooks could not start: ${error.message}` })
      ),
      (service) => ({ services: Context.make(Webhooks, service) })
    )
})

/** The webhooks plugin: add `webhooks({ … })` to the server's plugin list (settings in `WebhookSettings`). */
export const webhooks = (settings: typeof WebhookSettings.Encoded = {}) =>
  withEndpoints(webhooksCore(settings), { group: WebhooksApi, handlers: WebhooksHandlers })
