import { createHmac, randomBytes } from "node:crypto"

const PREFIX = "whsec_"

/** A new signing secret in the Standard Webhooks format: `whsec_` and 32 random bytes in base64. */
export const newSecret = (): string => PREFIX + randomBytes(32).toString("base64")

/** The `v1,<base64>` signature of one message with one secret: HMAC-SHA256 over `id.timestamp.body`, keyed with the
 * secret's decoded bytes (Standard Webhooks 1.0). */
export const signature = (secret: string, messageId: string, timestamp: number, body: string): string => {
  const key = Buffer.from(secret.startsWith(PREFIX) ? secret.slice(PREFIX.length) : secret, "base64")
  return "v1," + createHmac("sha256", key).update(`${messageId}.${timestamp}.${body}`).digest("base64")
}

/** The headers of one delivery: every given secret signs (space-separated), so a receiver holding either the new or
 * the previous secret during a rotation accepts it. */
export const signedHeaders = (
  secrets: ReadonlyArray<string>,
  messageId: string,
  timestamp: number,
  body: string
): Record<string, string> => ({
  "content-type": "application/json",
  "webhook-id": messageId,
  "webhook-timestamp": String(timestamp),
  "webhook-signature": secrets.map((secret) => signature(secret, messageId, timestamp, body)).join(" ")
})
