import { ConfigError } from "effect"

const describe = (error: unknown): string => {
  if (ConfigError.isConfigError(error)) return `invalid configuration: ${String(error).replace(/\s+/g, " ")}`
  if (typeof error === "object" && error !== null && "_tag" in error) {
    const tagged = error as { readonly _tag: string; readonly message?: string; readonly cause?: unknown }
    if (tagged._tag === "ServeError") {
      const cause = tagged.cause as (NodeJS.ErrnoException & { address?: string; port?: number }) | undefined
      const where = `${cause?.address ?? "the host"}:${cause?.port ?? "the port"}`
      if (cause?.code === "EADDRINUSE") return `${where} is already in use; set PORT to a free port`
      if (cause?.code === "EACCES") return `not allowed to listen on ${where}; set PORT to another one (above 1023)`
      if (cause?.code === "EADDRNOTAVAIL") return `${where} is not an address of this machine; check HOST`
      return `cannot listen: ${cause?.message ?? String(cause)}`
    }
    if (
      tagged._tag === "DatabaseOpenFailed" ||
      tagged._tag === "NotASqliteDatabase" ||
      tagged._tag === "DatabaseTooNew"
    ) {
      const filename = (error as { readonly filename?: string }).filename
      return `database ${filename ?? ""} (CRM_DB_FILE): ${tagged.message}`
    }
    if (tagged._tag === "ValidationFailed")
      return `invalid CRM_BOOTSTRAP_ADMIN_KEY or bootstrap input: ${tagged.message}`
    if (tagged.message !== undefined && tagged.message !== "") return tagged.message
    return tagged._tag
  }
  return error instanceof Error ? error.message : String(error)
}

/** One line saying why the server could not start. */
export const startupErrorLine = (error: unknown): string =>
  `agency-crm: cannot start: ${describe(error)}`.replace(/\s*\n\s*/g, " ")
