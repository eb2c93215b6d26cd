import type { Signed } from "./App.js"
import { useLoad } from "./load.js"
import { Listing } from "./parts.js"
import { call } from "./session.js"

/** Search results: each a link to what it found, where the app has a page for it. */
export const SearchPage = ({ q, signed }: { readonly signed: Signed; readonly q: string }) => {
  const loaded = useLoad(() => call(signed.api.search.search({ urlParams: { q } })), [q])
  return (
    <>
      <h1>Search: {q}</h1>
      <Listing loaded={loaded} loading="Searching…" empty="Nothing matches.">
        {(hits) =>
          hits.map((hit) => (
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
          ))
        }
      </Listing>
    </>
  )
}
