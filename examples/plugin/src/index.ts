/** The example plugin: campaign checklists created when a project starts, and no start without a budget. */
export { Checklists, checklists, checklistsCore, ChecklistsHandlers } from "./checklists.js"
export { ChecklistProgress, ChecklistsApi } from "./api.js"
export { ChecklistItem, ChecklistSettings } from "./settings.js"
