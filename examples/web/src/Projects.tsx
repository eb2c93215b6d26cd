import type { Task, TaskStatus } from "@agency-crm/core"
import { useState } from "preact/hooks"
import type { Signed } from "./App.js"
import { draggable, dropTarget } from "./drag.js"
import { Failed } from "./Failed.js"
import { NewTask } from "./Forms.js"
import { Listing, MoveMenu } from "./parts.js"
import { Lifecycle, Resources, Reviews } from "./ProjectPanels.js"
import { useLoad } from "./load.js"
import { call } from "./session.js"

const PROJECT_STATUSES = ["planned", "active", "on_hold", "completed", "closed", "cancelled"] as const
const TASK_COLUMNS: ReadonlyArray<TaskStatus> = ["todo", "in_progress", "in_review", "blocked", "done", "cancelled"]
const label = (status: string) => status.replace("_", " ")

/** Projects, filtered by status. */
export const ProjectsPage = ({ signed, version }: { readonly signed: Signed; readonly version: number }) => {
  const [status, setStatus] = useState<string>("")
  const loaded = useLoad(
    () =>
      call(
        signed.api.projects.list({
          urlParams:
            status === "" ? { limit: 100 } : { limit: 100, status: [status as (typeof PROJECT_STATUSES)[number]] }
        })
      ),
    [status, version]
  )
  return (
    <>
      <h1>Projects</h1>
      <label for="project-status">Status</label>{" "}
      <select id="project-status" value={status} onChange={(e) => setStatus((e.target as HTMLSelectElement).value)}>
        <option value="">any</option>
        {PROJECT_STATUSES.map((s) => (
          <option value={s}>{label(s)}</option>
        ))}
      </select>
      <Listing loaded={loaded} loading="Loading projects…" empty="No projects.">
        {(projects) =>
          projects.map((project) => (
            <li key={project.id}>
              <a href={`#/projects/${project.id}`}>{project.name}</a>
              <span class={`status ${project.status}`}>{label(project.status)}</span>
              {project.dueDate !== null && <span class="due">due {project.dueDate}</span>}
            </li>
          ))
        }
      </Listing>
    </>
  )
}

/** One project: its figures and its task board, where each task moves through its lifecycle (a refused move is
 * explained in the server's words). */
export const ProjectPage = ({
  id,
  signed,
  version
}: {
  readonly signed: Signed
  readonly id: string
  readonly version: number
}) => {
  const [moved, setMoved] = useState(0)
  const [refusal, setRefusal] = useState<string | null>(null)
  const loaded = useLoad(
    () => call(signed.api.projects.detail({ path: { id: id as never }, urlParams: {} })),
    [id, version, moved]
  )
  if (loaded.state === "failed") return <Failed message={loaded.message} />
  if (loaded.state === "loading") return <p aria-busy="true">Loading the project…</p>
  const detail = loaded.value
  const { client, manager, progress, project, recentInteractions, tasks } = detail
  const changed = () => setMoved((n) => n + 1)
  const writable = signed.me.role !== "viewer"
  const move = async (task: Task, to: TaskStatus) => {
    setRefusal(null)
    try {
      await call(signed.api.tasks.transition({ path: { id: task.id }, payload: { to }, headers: {} }))
      setMoved((n) => n + 1)
    } catch (failure) {
      setRefusal(`${task.title}: ${(failure as Error).message}`)
    }
  }
  return (
    <>
      <h1>{project.name}</h1>
      <p>
        {client.name} · managed by {manager.name} ·{" "}
        <span class={`status ${project.status}`}>{label(project.status)}</span>
        {project.dueDate !== null && <> · due {project.dueDate}</>} · {progress.percentDone}% done
      </p>
      {refusal !== null && <Failed message={refusal} />}
      {writable && <NewTask signed={signed} project={project} onAdded={changed} />}
      <div class="board" role="list" aria-label="Task board">
        {TASK_COLUMNS.map((column) => (
          <section
            role="listitem"
            aria-labelledby={`column-${column}`}
            key={column}
            {...(writable
              ? dropTarget((taskId) => {
                  const task = tasks.items.find((t) => t.id === taskId)
                  if (task !== undefined && task.status !== column) void move(task, column)
                })
              : {})}
          >
            <h2 id={`column-${column}`}>{label(column)}</h2>
            <ul class="cards">
              {tasks.items
                .filter((task) => task.status === column)
                .map((task) => (
                  <li key={task.id} {...(writable ? draggable(task.id) : {})}>
                    <strong>{task.title}</strong>
                    {task.dueDate !== null && <span class="due">due {task.dueDate}</span>}
                    {writable && (
                      <MoveMenu
                        name={task.title}
                        options={TASK_COLUMNS.filter((s) => s !== task.status).map((s) => [s, label(s)] as const)}
                        onChoose={(to) => void move(task, to as TaskStatus)}
                      />
                    )}
                  </li>
                ))}
            </ul>
          </section>
        ))}
      </div>
      <div class="columns">
        <Resources detail={detail} />
        <Reviews detail={detail} signed={signed} onChanged={changed} />
        <Lifecycle detail={detail} signed={signed} onChanged={changed} />
        <section aria-labelledby="project-interactions">
          <h2 id="project-interactions">Recent interactions</h2>
          {recentInteractions.length === 0 ? (
            <p class="empty">None logged on this project.</p>
          ) : (
            <ul class="cards">
              {recentInteractions.map((interaction) => (
                <li key={interaction.id}>
                  <span class="kind">{interaction.kind.replace("_", " ")}</span> {interaction.summary}
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </>
  )
}
