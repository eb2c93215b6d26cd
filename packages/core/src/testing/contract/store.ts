import type { StoragePorts } from "../../ports/StoragePorts.js"

/** Every storage port: what a storage adapter's layer must provide to run the contract suite. */
export type ContractStore = StoragePorts
