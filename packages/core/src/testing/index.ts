/** @agency-crm/core/testing: the in-memory adapter and the contract suite every storage adapter must pass. */

export * as MemoryStore from "../memory/MemoryStore.js"
export { assertCodecsAgree } from "./codecAgreement.js"
export { contractSuite, type ContractStore } from "./contract/suite.js"
export { makePolicyWorld, type PolicyWorld, storeSnapshot } from "./policyWorld.js"
export { reportCases } from "./reportCases.js"
export { queryWorkload } from "./queryWorkload.js"
