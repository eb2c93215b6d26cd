import pkg from "../package.json" with { type: "json" }

/** The version of `@agency-crm/http`, reported by `GET /health`. */
export const VERSION: string = pkg.version
