import { Schema } from "effect"

/** An ISO 4217 currency code such as `EUR`. */
export const Currency = Schema.String.pipe(
  Schema.pattern(/^[A-Z]{3}$/, { message: () => "expected a 3-letter ISO 4217 currency code, e.g. EUR" }),
  Schema.annotations({ identifier: "Currency" })
)

/** An amount of money in minor units (cents), so arithmetic stays exact. */
export const Money = Schema.Struct({
  amountMinor: Schema.Int.pipe(Schema.between(0, Number.MAX_SAFE_INTEGER)),
  currency: Currency
}).annotations({ identifier: "Money" })

/** An amount of money in minor units with its currency. */
export type Money = typeof Money.Type
