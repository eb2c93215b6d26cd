import type { SearchableType, SearchHit } from "@agency-crm/core"
import type { Signed } from "./App.js"
import { useLoad } from "./load.js"
import { Listing } from "./parts.js"
import { call } from "./session.js"

// The app's route of each kind of record that has a page of its own.
const pages: { readonly [T in SearchableType]?: string } = {
  client: "organizations",
  contact: "contacts",
  project: "projects",
  task: "tasks",
  interaction: "interactions",
  opportunity: "opportunities"
}

/** The app's page for what a hit found: the record's own page, else the project or organization it belongs to. */
const pageOf = (hit: SearchHit): string | null => {
  const own = pages[hit.entityType]
  if (own !== undefined) return `#/${own}/${hit.entityId}`
  if (hit.projectId !== null) return `#/projects/${hit.projectId}`
  return hit.clientId === null ? null : `#/organizations/${hit.clientId}`
}

/** The results' id: the search box's Down arrow moves into them. */
export const RESULTS = "search-results"

/** Up and Down move between the results' links; Escape goes back to the search box. */
const navigate = (event: KeyboardEvent) => {
  const links = [...document.querySelectorAll<HTMLAnchorElement>(`#${RESULTS} a`)]
  const at = links.indexOf(document.activeElement as HTMLAnchorElement)
  const to =
    event.key === "ArrowDown" ? Math.min(at + 1, links.length - 1) : event.key === "ArrowUp" ? at - 1 : undefined
  if (event.key === "Escape" || to === -1) {
    event.preventDefault()
    document.getElementById("search")?.focus()
  } else if (to !== undefined) {
    event.preventDefault()
    links[to]?.focus()
  }
}

/** Search results: each a link to where the app shows what it found. */
export const SearchPage = ({ q, signed }: { readonly signed: Signed; readonly q: string }) => {
  const loaded = useLoad(() => call(signed.api.search.search({ urlParams: { q } })), [q])
  return (
    <>
      <h1>Search: {q}</h1>
      <p class="hint">↓ and ↑ move through the results, Escape goes back to the search box.</p>
      <div id={RESULTS} onKeyDown={navigate}>
        <Listing loaded={loaded} what="the results" empty="Nothing matches.">
          {(hits) =>
            hits.map((hit) => {
              const page = pageOf(hit)
              return (
                <li key={`${hit.entityType}-${hit.entityId}`}>
                  <span class="kind">{hit.entityType}</span>{" "}
                  {page === null ? hit.title : <a href={page}>{hit.title}</a>}
                </li>
              )
            })
          }
        </Listing>
      </div>
    </>
  )
}
