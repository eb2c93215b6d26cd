import type { HttpApi, HttpApiGroup } from "@effect/platform"
import { CrmApi } from "./Api.js"

type CrmParts =
  typeof CrmApi extends HttpApi.HttpApi<infer Id, infer Groups, infer E, infer R>
    ? { readonly id: Id; readonly groups: Groups; readonly error: E; readonly requirements: R }
    : never

/** The CRM's API with the endpoint groups of plugins added: what the server serves and the typed client calls. */
export type ApiWith<Groups extends HttpApiGroup.HttpApiGroup.Any> = HttpApi.HttpApi<
  CrmParts["id"],
  CrmParts["groups"] | Groups,
  CrmParts["error"],
  CrmParts["requirements"]
>

/** The CRM's API with `groups` (plugins' endpoints) added; the API-wide errors, middleware and document
 * annotations apply to them too. */
export const apiWith = <const Groups extends ReadonlyArray<HttpApiGroup.HttpApiGroup.Any>>(
  groups: Groups
): ApiWith<Groups[number]> =>
  groups.reduce((api: HttpApi.HttpApi.Any, group) => (api as any).add(group), CrmApi) as unknown as ApiWith<
    Groups[number]
  >
