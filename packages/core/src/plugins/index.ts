/** Plugins: one value each, added to the list the CRM is built with. */
export {
  type AnyPlugin,
  type Consumer,
  type Contribution,
  define,
  NoSettings,
  type Plugin,
  type PluginSpec,
  type ProvidesOf,
  type RequiresOf
} from "./Plugin.js"
export { layer, PluginHost, type PluginHostService } from "./Plugins.js"
export {
  check,
  type CheckedWrite,
  currentOperation,
  type CurrentOperation,
  type EntityOfPattern,
  type OperationName,
  type WriteCheck,
  WriteChecks
} from "../services/WriteChecks.js"
export { follow, type FollowOptions } from "./LogFollower.js"
