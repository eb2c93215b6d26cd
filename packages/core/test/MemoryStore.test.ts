import { MemoryStore, contractSuite } from "../src/testing/index.js"

contractSuite("MemoryStore", MemoryStore.layer)
