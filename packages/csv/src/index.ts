/** CSV in and out of Agency CRM, on `csv-parse` and `csv-stringify`: what the `agency-crm` command and the HTTP
 * server read imports from and write exports with. */
export { csvSource, type Input } from "./read.js"
export { exportText, type Format, mediaTypes, type Pages } from "./write.js"
