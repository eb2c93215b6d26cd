import { CampaignType, type ProjectId, ProjectStatus, type Task, TaskStatus, type TeamMemberId } from "@agency-crm/core"
import { useState } from "preact/hooks"
import { may, memberOptions, type Signed } from "./App.js"
import { draggable, dropTarget } from "./drag.js"
import { Failed } from "./Failed.js"
import { given, Select, useForm } from "./fields.js"
import { LogInteraction, NewTask } from "./Forms.js"
import { Listing, MoveMenu, NotReady } from "./parts.js"
import { Lifecycle, Resources, Reviews } from "./ProjectPanels.js"
import { useLoad } from "./load.js"
import { call } from "./session.js"
import { words } from "./text.js"
import { TimelineList } from "./Timeline.js"
import { ifMatch, RecordActions, type RecordPageProps, useRecord } from "./record.js"
import { EditProject } from "./ProjectForms.js"

/** Projects, filtered by status, campaign type and manager. */
export const ProjectsPage = ({ signed, version }: { readonly signed: Signed; readonly version: number }) => {
  const filter = useForm({ status: "", campaignType: "", managerId: "" })
  const { campaignType, managerId, status } = filter.values
  const loaded = useLoad(
    () =>
      call(
        signed.api.projects.list({
          urlParams: {
            limit: 100,
            ...(status === "" ? {} : { status: [status as ProjectStatus] }),
            ...given<"campaignType", CampaignType>("campaignType", campaignType),
            ...given<"managerId", TeamMemberId>("managerId", managerId)
          }
        })
      ),
    [status, campaignType, managerId, version]
  )
  const any = (values: ReadonlyArray<readonly [string, string]>) => [["", "any"] as const, ...values]
  return (
    <>
      <h1>Projects</h1>
      <form class="period" aria-label="Which projects" onSubmit={(e) => e.preventDefault()}>
        <Select
          form={filter}
          name="status"
          id="project-status"
          label="Status"
          options={any(ProjectStatus.literals.map((s) => [s, words(s)]))}
        />
        <Select
          form={filter}
          name="campaignType"
          id="project-campaign"
          label="Campaign"
          options={any(CampaignType.literals.map((t) => [t, words(t)]))}
        />
        <Select
          form={filter}
          name="managerId"
          id="project-manager"
          label="Manager"
          options={any(memberOptions(signed))}
        />
      </form>
      <Listing loaded={loaded} what="projects" empty="No projects.">
        {(projects) =>
          projects.map((project) => (
            <li key={project.id}>
              <a href={`#/projects/${project.id}`}>{project.name}</a>
              <span class={`status ${project.status}`}>{words(project.status)}</span>
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
export const ProjectPage = (props: RecordPageProps) => {
  const { id, signed } = props
  const [refusal, setRefusal] = useState<string | null>(null)
  const { loaded, reload: changed } = useRecord(async () => {
    const projectId = id as ProjectId
    const [detail, timeline] = await Promise.all([
      call(signed.api.projects.detail({ path: { id: projectId }, urlParams: {} })),
      call(signed.api.projects.timeline({ path: { id: projectId }, urlParams: { limit: 50 } }))
    ])
    const contacts = await call(signed.api.contacts.list({ urlParams: { clientId: detail.client.id, limit: 200 } }))
    return { detail, timeline: timeline.items, contacts: contacts.items }
  }, props)
  if (loaded.state !== "ready") return <NotReady loaded={loaded} what="the project" />
  const { contacts, detail, timeline } = loaded.value
  const { client, manager, progress, project, tasks } = detail
  const moving = may(signed, "task.move")
  const move = async (task: Task, to: TaskStatus) => {
    setRefusal(null)
    try {
      await call(
        signed.api.tasks.transition({ path: { id: task.id }, payload: { to }, headers: ifMatch(task.version) })
      )
      changed()
    } catch (failure) {
      setRefusal(`${task.title}: ${(failure as Error).message}`)
    }
  }
  return (
    <>
      <h1>{project.name}</h1>
      <p>
        <a href={`#/organizations/${client.id}`}>{client.name}</a> · managed by {manager.name} ·{" "}
        <span class={`status ${project.status}`}>{words(project.status)}</span>
        {project.dueDate !== null && <> · due {project.dueDate}</>} · {progress.percentDone}% done
      </p>
      {project.description !== null && <p>{project.description}</p>}
      <RecordActions
        version={project.version}
        reload={changed}
        name={project.name}
        edit={
          may(signed, "project.manage")
            ? (saved, openedOn) => <EditProject signed={signed} project={project} openedOn={openedOn} onSaved={saved} />
            : undefined
        }
        onDelete={
          may(signed, "project.manage")
            ? () =>
                call(signed.api.projects.remove({ path: { id: project.id }, headers: ifMatch(project.version) })).then(
                  () => (location.hash = `/organizations/${client.id}`)
                )
            : undefined
        }
      />
      {refusal !== null && <Failed message={refusal} />}
      {may(signed, "task.write") && <NewTask signed={signed} project={project} onAdded={changed} />}
      <div class="board" role="list" aria-label="Task board">
        {TaskStatus.literals.map((column) => (
          <section
            role="listitem"
            aria-labelledby={`column-${column}`}
            key={column}
            {...(moving
              ? dropTarget((taskId) => {
                  const task = tasks.items.find((t) => t.id === taskId)
                  if (task !== undefined && task.status !== column) void move(task, column)
                })
              : {})}
          >
            <h2 id={`column-${column}`}>{words(column)}</h2>
            <ul class="cards">
              {tasks.items
                .filter((task) => task.status === column)
                .map((task) => (
                  <li key={task.id} {...(moving ? draggable(task.id) : {})}>
                    <a href={`#/tasks/${task.id}`}>{task.title}</a>
                    {task.dueDate !== null && <span class="due">due {task.dueDate}</span>}
                    {moving && (
                      <MoveMenu
                        name={task.title}
                        options={TaskStatus.literals
                          .filter((s) => s !== task.status)
                          .map((s) => [s, words(s)] as const)}
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
        <Resources detail={detail} signed={signed} onChanged={changed} />
        <Reviews detail={detail} signed={signed} onChanged={changed} />
        <Lifecycle detail={detail} signed={signed} onChanged={changed} />
        <LogInteraction
          signed={signed}
          clientId={client.id}
          projectId={project.id}
          contacts={contacts}
          onLogged={changed}
        />
      </div>
      <TimelineList id="project-timeline" heading="Timeline" entries={timeline} />
    </>
  )
}
