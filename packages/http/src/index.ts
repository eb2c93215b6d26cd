/** @agency-crm/http: the Agency CRM HTTP API, its server layer and its typed client. */

export { CrmApi } from "./api/Api.js"
export { apiKeyBearer, Authentication } from "./api/Authentication.js"
export * from "./api/errors.js"
export * as CrmHttpServer from "./server/HttpServerLive.js"
export * as CrmHttpClient from "./client.js"
export { VERSION } from "./version.js"
export { NodeSecretHasher } from "./server/NodeSecretHasher.js"
export { apiWith, type ApiWith } from "./api/pluginApi.js"
/** Building blocks of plugins' endpoint definitions. */
export * as PluginApiKit from "./api/pluginKit.js"
export {
  type GroupOf,
  type HttpPlugin,
  type PluginEndpoints,
  type ServerPlugin,
  withEndpoints
} from "./server/HttpPlugin.js"
