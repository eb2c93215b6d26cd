import type { ProjectDetail, ProjectTransitionTarget } from "@agency-crm/core"
import { DateTime } from "effect"
import { useState } from "preact/hooks"
import { may, type Signed } from "./App.js"
import { Failed } from "./Failed.js"
import { Allocate, useTeam } from "./Forms.js"
import { call } from "./session.js"
import { money } from "./text.js"

/** Budget against what is allocated: hours of people, and material cost per currency; and a form to allocate. */
export const Resources = ({
  detail,
  onChanged,
  signed
}: {
  readonly signed: Signed
  readonly detail: ProjectDetail
  readonly onChanged: () => void
}) => {
  const { allocations, project, resourceTotals } = detail
  const members = useTeam(signed)
  const nameOf = (id: string) => members.find((m) => m.id === id)?.name
  const budget = project.budget
  const spent = budget === null ? undefined : resourceTotals.materialCost.find((c) => c.currency === budget.currency)
  return (
    <section aria-labelledby="resources">
      <h2 id="resources">Resources</h2>
      <p>
        Budget: {project.budget === null ? "none set" : money(project.budget.amountMinor, project.budget.currency)} ·
        allocated: {resourceTotals.hours} h
        {resourceTotals.materialCost.map((cost) => (
          <span key={cost.currency}> · {money(cost.amountMinor, cost.currency)} material</span>
        ))}
        {budget !== null && (
          <span class={spent !== undefined && spent.amountMinor > budget.amountMinor ? "over" : undefined}>
            {" "}
            · {money(budget.amountMinor - (spent?.amountMinor ?? 0), budget.currency)} of the budget left
          </span>
        )}
      </p>
      {allocations.items.length === 0 ? (
        <p class="empty">Nothing allocated yet.</p>
      ) : (
        <ul class="cards">
          {allocations.items.map((allocation) => (
            <li key={allocation.id}>
              {allocation.kind === "human" ? (
                <>
                  <strong>{nameOf(allocation.memberId) ?? allocation.role}</strong>{" "}
                  {nameOf(allocation.memberId) !== undefined && <span class="kind">{allocation.role}</span>}{" "}
                  <span class="due">{allocation.hours} h</span>
                </>
              ) : (
                <>
                  <strong>{allocation.name}</strong>{" "}
                  <span class="due">
                    {allocation.quantity} × {money(allocation.unitCost.amountMinor, allocation.unitCost.currency)}
                  </span>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {may(signed, "allocation.manage") && (
        <Allocate signed={signed} project={project} members={members} onAdded={onChanged} />
      )}
    </section>
  )
}

/** The latest review, and a form to record one (its progress snapshot is taken by the server). */
export const Reviews = ({
  detail,
  onChanged,
  signed
}: {
  readonly signed: Signed
  readonly detail: ProjectDetail
  readonly onChanged: () => void
}) => {
  const [summary, setSummary] = useState("")
  const [adjustments, setAdjustments] = useState("")
  const [error, setError] = useState<string | null>(null)
  const review = detail.latestReview
  const record = async (event: Event) => {
    event.preventDefault()
    setError(null)
    try {
      await call(
        signed.api.reviews.create({
          payload: {
            projectId: detail.project.id,
            summary,
            adjustments: adjustments
              .split("\n")
              .map((line) => line.trim())
              .filter((line) => line !== "")
          }
        })
      )
      setSummary("")
      setAdjustments("")
      onChanged()
    } catch (failure) {
      setError((failure as Error).message)
    }
  }
  return (
    <section aria-labelledby="reviews">
      <h2 id="reviews">Reviews</h2>
      {review === null ? (
        <p class="empty">No review yet.</p>
      ) : (
        <p>
          <time dateTime={DateTime.formatIso(review.reviewedAt)}>
            {DateTime.formatIso(review.reviewedAt).slice(0, 10)}
          </time>
          : {review.summary} ({review.progress.percentDone}% done then)
          {review.adjustments.length > 0 && <> — adjustments: {review.adjustments.join("; ")}</>}
        </p>
      )}
      {may(signed, "review.manage") && (
        <form class="stack" onSubmit={record}>
          <label for="review-summary">Review summary</label>
          <input
            id="review-summary"
            required
            value={summary}
            onInput={(e) => setSummary((e.target as HTMLInputElement).value)}
          />
          <label for="review-adjustments">Adjustments decided (one a line)</label>
          <textarea
            id="review-adjustments"
            rows={3}
            value={adjustments}
            onInput={(e) => setAdjustments((e.target as HTMLTextAreaElement).value)}
          />
          {error !== null && <Failed message={error} />}
          <button type="submit">Record the review</button>
        </form>
      )}
    </section>
  )
}

/** The project's lifecycle: start or pause it, complete it with its final report, close it with the client's
 * feedback; a refusal (open tasks, say) is shown as the server explains it. */
export const Lifecycle = ({
  detail,
  onChanged,
  signed
}: {
  readonly signed: Signed
  readonly detail: ProjectDetail
  readonly onChanged: () => void
}) => {
  const { api } = signed
  const { project } = detail
  const [error, setError] = useState<string | null>(null)
  const [report, setReport] = useState("")
  const [deliveredOn, setDeliveredOn] = useState(new Date().toISOString().slice(0, 10))
  const [feedback, setFeedback] = useState("")
  const [satisfaction, setSatisfaction] = useState("5")
  const [future, setFuture] = useState("")
  if (!may(signed, "project.manage")) return null
  const run = async (effect: Promise<unknown>) => {
    setError(null)
    try {
      await effect
      onChanged()
    } catch (failure) {
      setError((failure as Error).message)
    }
  }
  const transition = (to: ProjectTransitionTarget) =>
    run(call(api.projects.transition({ path: { id: project.id }, payload: { to }, headers: {} })))
  const open = project.status === "planned" || project.status === "active" || project.status === "on_hold"
  return (
    <section aria-labelledby="lifecycle">
      <h2 id="lifecycle">Lifecycle</h2>
      {error !== null && <Failed message={error} />}
      <p>
        {project.status === "planned" || project.status === "on_hold" ? (
          <button type="button" onClick={() => void transition("active")}>
            {project.status === "planned" ? "Start" : "Resume"}
          </button>
        ) : null}{" "}
        {project.status === "active" && (
          <button type="button" class="secondary" onClick={() => void transition("on_hold")}>
            Put on hold
          </button>
        )}
      </p>
      {open && (
        <form
          class="stack"
          onSubmit={(e) => {
            e.preventDefault()
            void run(
              call(
                api.projects.complete({
                  path: { id: project.id },
                  payload: { reportReference: report, deliveredOn: deliveredOn as never },
                  headers: {}
                })
              )
            )
          }}
        >
          <label for="final-report">Final report (reference)</label>
          <input
            id="final-report"
            required
            value={report}
            onInput={(e) => setReport((e.target as HTMLInputElement).value)}
          />
          <label for="delivered-on">Delivered on</label>
          <input
            id="delivered-on"
            type="date"
            required
            value={deliveredOn}
            onInput={(e) => setDeliveredOn((e.target as HTMLInputElement).value)}
          />
          <button type="submit">Complete the project</button>
        </form>
      )}
      {project.status === "completed" && (
        <form
          class="stack"
          onSubmit={(e) => {
            e.preventDefault()
            void run(
              call(
                api.projects.close({
                  path: { id: project.id },
                  payload: {
                    feedback: {
                      summary: feedback,
                      satisfaction: Number(satisfaction),
                      ...(future.trim() === "" ? {} : { futureOpportunities: future.trim() })
                    }
                  },
                  headers: {}
                })
              )
            )
          }}
        >
          <label for="feedback-summary">Client's feedback</label>
          <input
            id="feedback-summary"
            required
            value={feedback}
            onInput={(e) => setFeedback((e.target as HTMLInputElement).value)}
          />
          <label for="feedback-satisfaction">Satisfaction (1–5)</label>
          <select
            id="feedback-satisfaction"
            value={satisfaction}
            onChange={(e) => setSatisfaction((e.target as HTMLSelectElement).value)}
          >
            {["5", "4", "3", "2", "1"].map((n) => (
              <option value={n}>{n}</option>
            ))}
          </select>
          <label for="feedback-future">Future opportunities mentioned</label>
          <input id="feedback-future" value={future} onInput={(e) => setFuture((e.target as HTMLInputElement).value)} />
          <button type="submit">Close with this feedback</button>
        </form>
      )}
    </section>
  )
}
