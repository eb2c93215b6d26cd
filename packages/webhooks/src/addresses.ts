import ipaddr from "ipaddr.js"
import { lookup } from "node:dns/promises"

/** The networks deliveries may reach although they are not public (CIDR, e.g. `127.0.0.0/8`, `10.1.0.0/16`). */
export type AllowList = ReadonlyArray<readonly [ipaddr.IPv4 | ipaddr.IPv6, number]>

/** Parses allow-list entries; throws on an entry that is not a CIDR or an address. */
export const parseAllowList = (entries: ReadonlyArray<string>): AllowList =>
  entries.map((entry) =>
    entry.includes("/") ? ipaddr.parseCIDR(entry) : ([ipaddr.parse(entry), entry.includes(":") ? 128 : 32] as const)
  )

/** Whether `entry` is a CIDR or an address the allow-list takes. */
export const isNetwork = (entry: string): boolean =>
  entry.includes("/") ? ipaddr.isValidCIDR(entry) : ipaddr.isValid(entry)

const allowed = (address: ipaddr.IPv4 | ipaddr.IPv6, allowList: AllowList): boolean =>
  allowList.some(([network, bits]) => address.kind() === network.kind() && address.match(network, bits))

/** Why `text` (an IP address) may not be delivered to, or `null`: only public unicast addresses are reachable
 * unless the allow-list names the network. IPv4-mapped IPv6 addresses are judged as the IPv4 they carry. */
export const refusal = (text: string, allowList: AllowList): string | null => {
  let address = ipaddr.parse(text)
  if (address.kind() === "ipv6" && (address as ipaddr.IPv6).isIPv4MappedAddress()) {
    address = (address as ipaddr.IPv6).toIPv4Address()
  }
  const range = address.range()
  if (range === "unicast" || allowed(address, allowList)) return null
  return `${text} is a ${range} address; add its network to the webhooks allow-list to deliver there`
}

/** The address to connect to for `hostname`, checked: every address it resolves to must be allowed, so a name that
 * also points inside the network is refused; resolved at each delivery (a name may change what it points to). */
export const resolveChecked = async (
  hostname: string,
  allowList: AllowList
): Promise<{ readonly address: string; readonly family: number }> => {
  const bare = hostname.startsWith("[") && hostname.endsWith("]") ? hostname.slice(1, -1) : hostname
  const addresses = ipaddr.isValid(bare)
    ? [{ address: bare, family: bare.includes(":") ? 6 : 4 }]
    : await lookup(bare, { all: true })
  if (addresses.length === 0) throw new Error(`${hostname} does not resolve`)
  for (const { address } of addresses) {
    const reason = refusal(address, allowList)
    if (reason !== null) throw new Error(`refused: ${hostname} resolves to ${reason}`)
  }
  return addresses[0]!
}
