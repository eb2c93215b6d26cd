import type { HttpServerRequest } from "@effect/platform"
import ipaddr from "ipaddr.js"
import proxyaddr from "proxy-addr"

/** Who is asking: the client's address, and the key its failures are counted under. */
export interface ClientAddress {
  /** The client address: the connection's peer, or, behind trusted proxies, the address they forwarded. */
  readonly address: string
  /** The address failures are counted under: an IPv4 address, or an IPv6 /64 (one host's usual allocation, so
   * rotating addresses within it does not start a new count). */
  readonly bucket: string
}

/**
 * Finds requests' client addresses. Without trusted proxies it is the connection's peer and `X-Forwarded-For` is
 * ignored (anyone can send it). With them (addresses, CIDR ranges, or `loopback`, `linklocal`, `uniquelocal`), a
 * request from a trusted proxy is attributed to the nearest address in `X-Forwarded-For` that is not one.
 */
export const makeClientAddresses = (trustedProxies: ReadonlyArray<string> = []) => {
  const trust = trustedProxies.length === 0 ? null : compileTrust(trustedProxies)
  return (request: HttpServerRequest.HttpServerRequest): ClientAddress => {
    const peer = request.remoteAddress._tag === "Some" ? request.remoteAddress.value : "unknown"
    const address =
      trust === null
        ? peer
        : proxyaddr(
            {
              headers: { "x-forwarded-for": request.headers["x-forwarded-for"] },
              socket: { remoteAddress: peer }
            } as unknown as Parameters<typeof proxyaddr>[0],
            trust
          )
    return { address, bucket: bucketOf(address) }
  }
}

// A malformed entry is a misconfiguration: it stops the server as it starts, naming the setting.
const compileTrust = (trustedProxies: ReadonlyArray<string>) => {
  try {
    return proxyaddr.compile([...trustedProxies])
  } catch (error) {
    throw new Error(`trusted proxies: ${error instanceof Error ? error.message : String(error)}`)
  }
}

const bucketOf = (address: string): string => {
  if (!ipaddr.isValid(address)) return address
  const parsed = ipaddr.process(address)
  if (parsed.kind() === "ipv4") return parsed.toString()
  const parts = (parsed as ipaddr.IPv6).parts.slice(0, 4)
  return `${parts.map((part) => part.toString(16)).join(":")}::/64`
}
