import { useEffect, useState } from "preact/hooks"

/** What a screen shows while its data loads, once it has, or when the server refused. */
export type Loaded<A> =
  | { readonly state: "loading" }
  | { readonly state: "ready"; readonly value: A }
  | { readonly state: "failed"; readonly message: string }

/** Loads `load()` again whenever `deps` change; keeps the last value while reloading, so live updates do not
 * blank the screen. */
export const useLoad = <A>(load: () => Promise<A>, deps: ReadonlyArray<unknown>): Loaded<A> => {
  const [loaded, setLoaded] = useState<Loaded<A>>({ state: "loading" })
  useEffect(() => {
    let current = true
    load().then(
      (value) => current && setLoaded({ state: "ready", value }),
      (error: Error) => current && setLoaded({ state: "failed", message: error.message })
    )
    return () => {
      current = false
    }
  }, deps)
  return loaded
}
