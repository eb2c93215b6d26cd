import { HttpApi, type HttpMethod } from "@effect/platform"

/** An endpoint whose body its handler reads as a stream (CSV, say) instead of the guard reading and parsing it as
 * JSON: declared by the endpoint's payload encoding, not by a list of URLs. */
export interface StreamedBodyRoute {
  readonly method: HttpMethod.HttpMethod
  /** The media type its body must have. */
  readonly mediaType: string
  /** Whether a request URL (path and query) is this endpoint's. */
  readonly matches: (url: string) => boolean
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")

/** A matcher of an endpoint's path (`/data/imports/:kind`): each `:param` is one segment; a query may follow. */
const pathMatcher = (path: string) => {
  const pattern = path
    .split("/")
    .map((segment) => (segment.startsWith(":") ? "[^/?#]+" : escape(segment)))
    .join("/")
  const regex = new RegExp(`^${pattern}(?:[?#]|$)`)
  return (url: string) => regex.test(url)
}

/** The endpoints of `api` whose payload is text or bytes rather than JSON: their bodies stream to their handlers. */
export const streamedBodyRoutes = (api: HttpApi.HttpApi.Any): ReadonlyArray<StreamedBodyRoute> => {
  const routes: Array<StreamedBodyRoute> = []
  HttpApi.reflect(api as HttpApi.HttpApi<string, never, never, never>, {
    onGroup: () => {},
    onEndpoint: ({ endpoint, payloads }) => {
      for (const [mediaType, { encoding }] of payloads) {
        if (encoding.kind === "Text" || encoding.kind === "Uint8Array") {
          routes.push({ method: endpoint.method, mediaType, matches: pathMatcher(endpoint.path) })
        }
      }
    }
  })
  return routes
}
