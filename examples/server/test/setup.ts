import { afterEach } from "vitest"
import { cleanUp } from "./serverProcess.js"

// Every test file of this project starts real servers: none outlives its test, failed or not.
afterEach(cleanUp)
