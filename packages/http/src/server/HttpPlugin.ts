import type { AnyPlugin, Plugin } from "@agency-crm/core"
import type { HttpApiGroup } from "@effect/platform"
import type { Layer } from "effect"

/** A plugin's endpoints: one group (its definition, shared with the typed client) and the layer of its handlers
 * (built with `HttpApiBuilder.group(apiWith([group]), …)`). */
export interface PluginEndpoints<Group extends HttpApiGroup.HttpApiGroup.Any, R> {
  readonly group: Group
  readonly handlers: Layer.Layer<HttpApiGroup.ApiGroup<"agency-crm", HttpApiGroup.HttpApiGroup.Name<Group>>, never, R>
}

/** A plugin with endpoints: the server serves them, and the OpenAPI document and docs page show them. */
export interface HttpPlugin<
  Name extends string = string,
  Provides = never,
  R = never,
  Group extends HttpApiGroup.HttpApiGroup.Any = HttpApiGroup.HttpApiGroup.Any,
  HR = never
> extends Plugin<Name, Provides, R> {
  readonly endpoints: PluginEndpoints<Group, HR>
}

/** A plugin, with or without endpoints, as the server takes it. */
export type ServerPlugin = AnyPlugin | HttpPlugin<string, any, any, any, any> | HttpPlugin<string, never, any, any, any>

/** The endpoint group of a server plugin (never when it has none). */
export type GroupOf<P> = P extends { readonly endpoints: PluginEndpoints<infer G, any> } ? G : never

/** What a server plugin's handlers need. */
export type HandlersRequire<P> = P extends { readonly endpoints: PluginEndpoints<any, infer R> } ? R : never

/** Adds endpoints to a plugin. */
export const withEndpoints = <Name extends string, Provides, R, Group extends HttpApiGroup.HttpApiGroup.Any, HR>(
  plugin: Plugin<Name, Provides, R>,
  endpoints: PluginEndpoints<Group, HR>
): HttpPlugin<Name, Provides, R, Group, HR> => ({ ...plugin, endpoints })

/** The endpoint groups of `plugins`, in order. */
export const groupsOf = (plugins: ReadonlyArray<ServerPlugin>): ReadonlyArray<HttpApiGroup.HttpApiGroup.Any> =>
  plugins.flatMap((plugin) => ("endpoints" in plugin ? [plugin.endpoints.group] : []))
