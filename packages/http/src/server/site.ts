import { HttpApiBuilder, HttpServerRequest, HttpServerResponse } from "@effect/platform"
import { Effect } from "effect"
import { readdirSync, readFileSync, statSync } from "node:fs"
import { extname, join, relative } from "node:path"

/** A built single-page app to serve beside the API. */
export interface SiteOptions {
  /** The build's directory: an `index.html` and, under `assets/`, files whose names carry their content's hash. */
  readonly directory: string
}

const mediaTypes: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".woff2": "font/woff2",
  ".json": "application/json",
  ".map": "application/json"
}

const filesUnder = (directory: string): Array<string> =>
  readdirSync(directory).flatMap((name) => {
    const path = join(directory, name)
    return statSync(path).isDirectory() ? filesUnder(path) : [path]
  })

/**
 * Serves a built app: `GET /` answers its `index.html` (revalidated each time, so a new build is picked up), and
 * `GET /assets/*` its files, cached for a year since a new build gives them new names. The files are read once, at
 * start: the app works offline on the LAN, with no CDN. Its own routes live in the URL's fragment, so every API path
 * stays the API's.
 */
export const siteRoutes = (options: SiteOptions) =>
  HttpApiBuilder.Router.use((router) =>
    Effect.gen(function* () {
      const files = new Map(
        filesUnder(options.directory).map((path) => [
          `/${relative(options.directory, path).split("\\").join("/")}`,
          { body: readFileSync(path), type: mediaTypes[extname(path)] ?? "application/octet-stream" }
        ])
      )
      const index = files.get("/index.html")
      if (index === undefined) return yield* Effect.dieMessage(`${options.directory} holds no index.html`)
      yield* router.get(
        "/",
        Effect.succeed(
          HttpServerResponse.uint8Array(index.body, {
            contentType: index.type,
            headers: { "cache-control": "no-cache", "x-content-type-options": "nosniff" }
          })
        )
      )
      yield* router.get(
        "/assets/*",
        Effect.map(HttpServerRequest.HttpServerRequest, (request) => {
          const file = files.get(new URL(request.url, "http://site").pathname)
          return file === undefined
            ? HttpServerResponse.empty({ status: 404 })
            : HttpServerResponse.uint8Array(file.body, {
                contentType: file.type,
                headers: { "cache-control": "public, max-age=31536000, immutable", "x-content-type-options": "nosniff" }
              })
        })
      )
    })
  )
