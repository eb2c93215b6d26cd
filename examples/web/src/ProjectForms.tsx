import {
  CampaignType,
  type ClientId,
  type LocalDate,
  type Project,
  type ProjectId,
  type TeamMemberId
} from "@agency-crm/core"
import { memberOptions, type Signed } from "./App.js"
import { type Form, FormBox, Input, orNull, Select, TextArea, useForm } from "./fields.js"
import { minorOf } from "./Forms.js"
import { type EditFormProps, ifMatch } from "./record.js"
import { call } from "./session.js"
import { words } from "./text.js"

/** What both project forms hold. */
type ProjectValues = {
  readonly name: string
  readonly campaignType: string
  readonly managerId: string
  readonly budget: string
  readonly startDate: string
  readonly dueDate: string
  readonly description: string
}

/** The fields both forms send, from what they hold (the budget in `currency`). */
const fieldsOf = (v: ProjectValues, currency: string) => ({
  name: v.name,
  campaignType: v.campaignType as CampaignType,
  managerId: v.managerId as TeamMemberId,
  budget: v.budget.trim() === "" ? null : { amountMinor: minorOf(v.budget), currency },
  startDate: orNull(v.startDate) as LocalDate | null,
  dueDate: orNull(v.dueDate) as LocalDate | null,
  description: orNull(v.description)
})

const ProjectFields = ({
  currency,
  form,
  signed,
  prefix
}: {
  readonly form: Form<ProjectValues>
  readonly signed: Signed
  readonly currency: string
  readonly prefix: string
}) => (
  <>
    <Input form={form} name="name" id={`${prefix}-name`} label="Project name" required />
    <Select
      form={form}
      name="campaignType"
      id={`${prefix}-campaign`}
      label="Campaign type"
      options={CampaignType.literals.map((t) => [t, words(t)] as const)}
    />
    <Select
      form={form}
      name="managerId"
      id={`${prefix}-manager`}
      label="Project manager"
      required
      options={[["", "choose…"], ...memberOptions(signed)]}
    />
    <Input form={form} name="budget" id={`${prefix}-budget`} label={`Budget (${currency})`} inputMode="decimal" />
    <Input form={form} name="startDate" id={`${prefix}-start`} label="Starts" type="date" />
    <Input form={form} name="dueDate" id={`${prefix}-due`} label="Due" type="date" />
    <TextArea form={form} name="description" id={`${prefix}-description`} label="Description" />
  </>
)

/** Opens a project for an organization (a campaign approved outside the pipeline); the app then goes to it. */
export const NewProject = ({ clientId, signed }: { readonly signed: Signed; readonly clientId: ClientId }) => {
  const form = useForm<ProjectValues>({
    name: "",
    campaignType: "seo",
    managerId: signed.me.id,
    budget: "",
    startDate: "",
    dueDate: "",
    description: ""
  })
  const open = form.submit(
    (v) => call(signed.api.projects.create({ payload: { clientId, ...fieldsOf(v, "EUR") } })),
    (project) => (location.hash = `/projects/${project.id}`)
  )
  return (
    <FormBox form={form} label="New project" submit="Open the project" onSubmit={open}>
      <ProjectFields form={form} signed={signed} currency="EUR" prefix="new-project" />
    </FormBox>
  )
}

/** Edits a project's name, campaign, manager, budget, dates and description. */
export const EditProject = ({ onSaved, openedOn, project, signed }: EditFormProps & { readonly project: Project }) => {
  const currency = project.budget?.currency ?? "EUR"
  const form = useForm<ProjectValues>({
    name: project.name,
    campaignType: project.campaignType,
    managerId: project.managerId,
    budget: project.budget === null ? "" : String(project.budget.amountMinor / 100),
    startDate: project.startDate ?? "",
    dueDate: project.dueDate ?? "",
    description: project.description ?? ""
  })
  const save = form.submit(
    (v) =>
      call(
        signed.api.projects.update({
          path: { id: project.id as ProjectId },
          headers: ifMatch(openedOn),
          payload: fieldsOf(v, currency)
        })
      ),
    onSaved
  )
  return (
    <FormBox form={form} label="Edit the project" submit="Save" onSubmit={save}>
      <ProjectFields form={form} signed={signed} currency={currency} prefix="edit-project" />
    </FormBox>
  )
}
