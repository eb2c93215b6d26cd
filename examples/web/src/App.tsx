import { MAX_LIMIT, type Permission, scopeOf, type TeamMember } from "@agency-crm/core"
import type { JSX } from "preact"
import { useEffect, useState } from "preact/hooks"
import { ContactPage } from "./Contact.js"
import { InteractionPage } from "./InteractionPage.js"
import { follow } from "./live.js"
import { useLoad } from "./load.js"
import { OpportunityPage } from "./OpportunityPage.js"
import { OrganizationPage, OrganizationsPage } from "./Organizations.js"
import { PipelinePage } from "./Pipeline.js"
import { ProjectPage, ProjectsPage } from "./Projects.js"
import type { RecordPageProps } from "./record.js"
import { ReportsPage } from "./Reports.js"
import { RESULTS, SearchPage } from "./Search.js"
import { type Api, call, clientFor, forgetKey, keepKey, storedKey } from "./session.js"
import { TaskPage } from "./TaskPage.js"
import { TodayPage } from "./Today.js"

/** The route, read from the URL's fragment (so every path stays the API's): `#/`, `#/projects`, `#/projects/<id>`,
 * `#/organizations`, `#/organizations/<id>`, `#/contacts/<id>`, `#/tasks/<id>`, `#/interactions/<id>`, `#/opportunities/<id>`, `#/pipeline`, `#/reports`, `#/search?q=…`. */
const useRoute = () => {
  const [hash, setHash] = useState(location.hash)
  useEffect(() => {
    const changed = () => setHash(location.hash)
    addEventListener("hashchange", changed)
    return () => removeEventListener("hashchange", changed)
  }, [])
  return hash.replace(/^#/, "") || "/"
}

/** Who is signed in, and the client acting as them. */
interface Session {
  readonly api: Api
  readonly me: TeamMember
  readonly key: string
}

/** What every screen gets: the session and the team (every member, active or not, loaded once and again when the
 * live feed brings a change to the team), for pickers and names. */
export interface Signed extends Session {
  readonly team: ReadonlyArray<TeamMember>
}

/** The members who can still be assigned work, as a picker's options. */
export const memberOptions = (signed: Signed) =>
  signed.team.filter((member) => member.active).map((member) => [member.id, member.name] as const)

/** A member's name, a former member's too. */
export const memberName = (signed: Signed, id: string | null) => signed.team.find((member) => member.id === id)?.name

/** The session of an API key: the client acting with it and the member it belongs to (rejects when refused). */
const openSession = async (key: string): Promise<Session> => {
  const api = await clientFor(key)
  return { api, me: await call(api.team.me()), key }
}

/** Whether the signed-in member's role holds `permission` (for some records at least: a member moves only their own
 * tasks, and the server's refusal says so for the others). Screens offer only what this allows. */
export const may = (signed: Signed, permission: Permission) => scopeOf(signed.me.role, permission) !== undefined

/** Counts the events the live feed has seen (`version`: screens reload when it moves) and those that changed the
 * team (`teamVersion`: the team reloads). */
const useLive = (key: string) => {
  const [version, setVersion] = useState(0)
  const [teamVersion, setTeamVersion] = useState(0)
  const [connected, setConnected] = useState(false)
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined
    let teamChanged = false
    // A burst of events reloads once.
    const stop = follow(
      { origin: location.origin, apiKey: key },
      (event) => {
        teamChanged ||= event.type.startsWith("team_member.")
        clearTimeout(timer)
        timer = setTimeout(() => {
          setVersion((v) => v + 1)
          if (teamChanged) setTeamVersion((v) => v + 1)
          teamChanged = false
        }, 200)
      },
      setConnected
    )
    return () => {
      clearTimeout(timer)
      stop()
    }
  }, [key])
  return { version, teamVersion, connected }
}

const SignIn = ({ onSigned }: { readonly onSigned: (session: Session) => void }) => {
  const [key, setKey] = useState("")
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const submit = async (event: Event) => {
    event.preventDefault()
    setBusy(true)
    setError(null)
    try {
      const session = await openSession(key.trim())
      keepKey(session.key)
      onSigned(session)
    } catch (failure) {
      setError((failure as Error).message)
    } finally {
      setBusy(false)
    }
  }
  return (
    <main class="sign-in">
      <h1>Agency CRM</h1>
      <form onSubmit={submit}>
        <label for="api-key">API key</label>
        <input
          id="api-key"
          type="password"
          autocomplete="current-password"
          required
          value={key}
          onInput={(e) => setKey((e.target as HTMLInputElement).value)}
        />
        <p class="hint">Kept for this browser tab only; signing out forgets it.</p>
        {error !== null && (
          <p role="alert" class="error">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy}>
          Sign in
        </button>
      </form>
    </main>
  )
}

/** The app: sign-in, then the screens, with search and the live feed's state in the header. */
export const App = () => {
  const [session, setSession] = useState<Session | null>(null)
  const [restoring, setRestoring] = useState(storedKey() !== null)
  const route = useRoute()

  useEffect(() => {
    const key = storedKey()
    if (key === null) return
    openSession(key)
      .then(setSession)
      .catch(() => forgetKey())
      .finally(() => setRestoring(false))
  }, [])

  if (restoring) return <p aria-busy="true">Signing in…</p>
  if (session === null) return <SignIn onSigned={setSession} />
  const signOut = () => {
    forgetKey()
    setSession(null)
    location.hash = ""
  }
  return <Shell session={session} route={route} onSignOut={signOut} />
}

/** The pages of one record each, by the route's first segment (`#/tasks/<id>`). */
const recordPages: { readonly [segment: string]: (props: RecordPageProps) => JSX.Element } = {
  organizations: OrganizationPage,
  contacts: ContactPage,
  projects: ProjectPage,
  tasks: TaskPage,
  interactions: InteractionPage,
  opportunities: OpportunityPage
}

const Shell = ({
  onSignOut,
  route,
  session
}: {
  readonly session: Session
  readonly route: string
  readonly onSignOut: () => void
}) => {
  const live = useLive(session.key)
  const team = useLoad(() => call(session.api.team.list({ urlParams: { limit: MAX_LIMIT } })), [live.teamVersion])
  const signed: Signed = { ...session, team: team.state === "ready" ? team.value.items : [] }
  // "/" jumps to the search box from anywhere but a field being typed in.
  useEffect(() => {
    const jump = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null
      if (event.key !== "/" || (target !== null && /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return
      event.preventDefault()
      document.getElementById("search")?.focus()
    }
    addEventListener("keydown", jump)
    return () => removeEventListener("keydown", jump)
  }, [])
  const [query, setQuery] = useState("")
  const search = (event: Event) => {
    event.preventDefault()
    if (query.trim() !== "") location.hash = `/search?q=${encodeURIComponent(query.trim())}`
  }
  const [path, params] = route.split("?") as [string, string | undefined]
  const [, segment, id] = /^\/([a-z]+)\/([^/]+)$/.exec(path) ?? []
  const RecordPage = segment === undefined ? undefined : recordPages[segment]
  const page =
    RecordPage !== undefined && id !== undefined ? (
      <RecordPage signed={signed} id={id} version={live.version} />
    ) : path === "/organizations" ? (
      <OrganizationsPage signed={signed} version={live.version} />
    ) : path === "/reports" ? (
      <ReportsPage signed={signed} version={live.version} />
    ) : path === "/pipeline" ? (
      <PipelinePage signed={signed} version={live.version} />
    ) : path === "/projects" ? (
      <ProjectsPage signed={signed} version={live.version} />
    ) : path === "/search" ? (
      <SearchPage signed={signed} q={new URLSearchParams(params ?? "").get("q") ?? ""} />
    ) : (
      <TodayPage signed={signed} version={live.version} />
    )
  return (
    <>
      <header>
        <nav aria-label="Main">
          <a href="#/" aria-current={path === "/" ? "page" : undefined}>
            Today
          </a>
          <a href="#/projects" aria-current={path.startsWith("/projects") ? "page" : undefined}>
            Projects
          </a>
          <a href="#/organizations" aria-current={/^\/(organizations|contacts)/.test(path) ? "page" : undefined}>
            Organizations
          </a>
          <a href="#/pipeline" aria-current={/^\/(pipeline|opportunities)/.test(path) ? "page" : undefined}>
            Pipeline
          </a>
          <a href="#/reports" aria-current={path === "/reports" ? "page" : undefined}>
            Reports
          </a>
        </nav>
        <form role="search" onSubmit={search}>
          <label for="search" class="visually-hidden">
            Search
          </label>
          <input
            id="search"
            type="search"
            placeholder="Search clients, contacts, projects, tasks…"
            value={query}
            onInput={(e) => setQuery((e.target as HTMLInputElement).value)}
            onKeyDown={(e) => {
              // Down moves into the results shown below.
              const first = document.querySelector<HTMLAnchorElement>(`#${RESULTS} a`)
              if (e.key === "ArrowDown" && first !== null) {
                e.preventDefault()
                first.focus()
              }
            }}
          />
        </form>
        <p class="who">
          <span class={live.connected ? "live on" : "live"} aria-live="polite">
            {live.connected ? "Live" : "Reconnecting…"}
          </span>{" "}
          {signed.me.name} ({signed.me.role}){" "}
          <button type="button" onClick={onSignOut}>
            Sign out
          </button>
        </p>
      </header>
      <main>{page}</main>
    </>
  )
}
