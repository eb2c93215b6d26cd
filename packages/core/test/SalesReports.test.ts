import { MemoryStore, salesReportCases } from "../src/testing/index.js"

salesReportCases("MemoryStore", MemoryStore.layer)
