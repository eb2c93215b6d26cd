/** What a plugin's endpoint definitions use, so they read like the CRM's own: authentication, error statuses,
 * parameter and body schemas. Client-safe (no server code). */
export { Authentication } from "./Authentication.js"
export { addErrors, bodyErrors, IdPath, Statuses } from "./crud.js"
export { DecimalInteger, IntParam, strict } from "./params.js"
