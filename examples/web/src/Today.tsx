import type { Interaction } from "@agency-crm/core"
import { DateTime } from "effect"
import type { Signed } from "./App.js"
import { useLoad } from "./load.js"
import { NotReady, TaskCards } from "./parts.js"
import { call } from "./session.js"
import { words } from "./text.js"

/** Today: my open tasks, the team's overdue and due-soon tasks, the latest interactions; live. */
export const TodayPage = ({ signed, version }: { readonly signed: Signed; readonly version: number }) => {
  const { api, me } = signed
  const loaded = useLoad(async () => {
    const [mine, overdue, dueSoon, recent] = await Promise.all([
      call(
        api.tasks.list({
          urlParams: { assigneeId: me.id, status: ["todo", "in_progress", "in_review", "blocked"], sortBy: "dueDate" }
        })
      ),
      call(api.tracking.overdue({ urlParams: {} })),
      call(api.tracking.dueSoon({ urlParams: { days: 7 } })),
      call(api.interactions.list({ urlParams: { sortBy: "occurredAt", order: "desc", limit: 10 } }))
    ])
    return { mine: mine.items, overdue: overdue.items, dueSoon: dueSoon.items, recent: recent.items }
  }, [version])
  if (loaded.state !== "ready") return <NotReady loaded={loaded} what="today" />
  const { dueSoon, mine, overdue, recent } = loaded.value
  return (
    <>
      <h1>Today</h1>
      <div class="columns">
        <section aria-labelledby="mine">
          <h2 id="mine">My tasks</h2>
          <TaskCards tasks={mine} empty="Nothing assigned to you is open." />
        </section>
        <section aria-labelledby="overdue">
          <h2 id="overdue">Overdue</h2>
          <TaskCards tasks={overdue} empty="Nothing is overdue." />
        </section>
        <section aria-labelledby="soon">
          <h2 id="soon">Due this week</h2>
          <TaskCards tasks={dueSoon} empty="Nothing is due in the next seven days." />
        </section>
        <section aria-labelledby="recent">
          <h2 id="recent">Recent interactions</h2>
          <RecentInteractions interactions={recent} />
        </section>
      </div>
    </>
  )
}

const RecentInteractions = ({ interactions }: { readonly interactions: ReadonlyArray<Interaction> }) =>
  interactions.length === 0 ? (
    <p class="empty">No interactions logged yet.</p>
  ) : (
    <ul class="cards">
      {interactions.map((interaction) => (
        <li key={interaction.id}>
          <span class="kind">{words(interaction.kind)}</span>{" "}
          <a href={`#/interactions/${interaction.id}`}>{interaction.summary}</a>
          <time dateTime={DateTime.formatIso(interaction.occurredAt)}>
            {DateTime.formatIso(interaction.occurredAt).slice(0, 10)}
          </time>
        </li>
      ))}
    </ul>
  )
