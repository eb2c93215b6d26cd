import { Actor, ApiKeys, type Bootstrapped } from "@agency-crm/core"
import { Config, Console, Effect, Option } from "effect"

/** Options of the first-start bootstrap. */
export interface BootstrapOptions {
  /** The admin key to create instead of generating one; default: `CRM_BOOTSTRAP_ADMIN_KEY`, if set. */
  readonly adminKey?: string | undefined
  /** Name of the admin created. Default `Administrator`. */
  readonly name?: string | undefined
  /** E-mail of the admin created. Default `admin@agency-crm.invalid`. */
  readonly email?: string | undefined
}

/** The environment variable that sets the first admin's key. */
export const BOOTSTRAP_KEY_VARIABLE = "CRM_BOOTSTRAP_ADMIN_KEY"

/** When the store has no active admin: creates one with an API key, and prints the key once on the console
 * (a key taken from the environment is not printed). Does nothing otherwise. */
export const bootstrapAdmin = (options: BootstrapOptions = {}) =>
  Effect.gen(function* () {
    const keys = yield* ApiKeys
    const fromEnv = yield* Config.option(Config.string(BOOTSTRAP_KEY_VARIABLE))
    const given = options.adminKey ?? Option.getOrUndefined(fromEnv)
    const made: Option.Option<Bootstrapped> = yield* keys
      .bootstrap({
        ...(given === undefined ? {} : { secret: given }),
        ...(options.name === undefined ? {} : { name: options.name }),
        ...(options.email === undefined ? {} : { email: options.email })
      })
      .pipe(Effect.provideService(Actor, Actor.system))
    if (Option.isNone(made)) return made
    const { admin, apiKey } = made.value
    const who = `${admin.name} <${admin.email}> (${admin.id})`
    if (given !== undefined) {
      yield* Console.log(`Created the first admin, ${who}, with the given API key.`)
    } else {
      yield* Console.log(
        [
          `Created the first admin, ${who}.`,
          "Their API key is shown this once; only its hash is stored. Keep it now:",
          "",
          `  ${apiKey.secret}`,
          "",
          "Use it as `Authorization: Bearer <key>`, and create further keys with POST /api-keys."
        ].join("\n")
      )
    }
    return made
  })
