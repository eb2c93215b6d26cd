import type { Signed } from "./App.js"
import { Failed } from "./Failed.js"
import { useLoad } from "./load.js"
import { call } from "./session.js"

/** Search results: each a link to what it found, where the app has a page for it. */
export const SearchPage = ({ q, signed }: { readonly signed: Signed; readonly q: string }) => {
  const loaded = useLoad(() => call(signed.api.search.search({ urlParams: { q } })), [q])
  return (
    <>
      <h1>Search: {q}</h1>
      {loaded.state === "failed" ? (
        <Failed message={loaded.message} />
      ) : loaded.state === "loading" ? (
        <p aria-busy="true">Searching…</p>
      ) : loaded.value.items.length === 0 ? (
        <p class="empty">Nothing matches.</p>
      ) : (
        <ul class="cards">
          {loaded.value.items.map((hit) => (
            <li key={`${hit.entityType}-${hit.entityId}`}>
              <span class="kind">{hit.entityType}</span>{" "}
              {hit.entityType === "project" ? (
                <a href={`#/projects/${hit.entityId}`}>{hit.title}</a>
              ) : hit.projectId !== null ? (
                <a href={`#/projects/${hit.projectId}`}>{hit.title}</a>
              ) : (
                hit.title
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  )
}
