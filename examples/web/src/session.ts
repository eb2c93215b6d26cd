import * as CrmHttpClient from "@agency-crm/http/client"
import { FetchHttpClient } from "@effect/platform"
import { Cause, Effect, Exit } from "effect"

/** The typed client the app talks to the server through: nothing else sends requests. */
export type Api = CrmHttpClient.Client

const KEY = "agency-crm.api-key"

/** The API key of this browser session (gone when the tab closes, and on sign-out). */
export const storedKey = (): string | null => sessionStorage.getItem(KEY)

/** Keeps the key for the session. */
export const keepKey = (key: string) => sessionStorage.setItem(KEY, key)

/** Forgets the key. */
export const forgetKey = () => sessionStorage.removeItem(KEY)

/** The client for one key, on the page's own origin. */
export const clientFor = (apiKey: string): Promise<Api> =>
  Effect.runPromise(
    CrmHttpClient.make({ baseUrl: location.origin, apiKey }).pipe(Effect.provide(FetchHttpClient.layer))
  )

/** What a refusal says, as the server put it: its `message` (every error body has one), else the failure's. */
export const messageOf = (cause: Cause.Cause<unknown>): string => {
  const failure = Cause.failureOption(cause)
  if (failure._tag === "Some") {
    const error = failure.value as { readonly message?: unknown; readonly _tag?: unknown }
    if (typeof error.message === "string" && error.message !== "") return error.message
    if (typeof error._tag === "string") return error._tag
  }
  return "The server could not be reached"
}

/** Runs a call; resolves with its value, or rejects with the server's message. */
export const call = <A, E>(effect: Effect.Effect<A, E>): Promise<A> =>
  Effect.runPromiseExit(effect).then((exit) => {
    if (Exit.isSuccess(exit)) return exit.value
    throw new Error(messageOf(exit.cause))
  })
