import { MemoryStore, reportCases } from "../src/testing/index.js"

reportCases("MemoryStore", MemoryStore.layer)
