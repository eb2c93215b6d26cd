import { reportCases } from "@agency-crm/core/testing"
import { SqliteStore } from "../src/index.js"
import { layerTempFile } from "./support.js"

reportCases("SqliteStore in memory", SqliteStore.layerMemory)
reportCases("SqliteStore on a temp file", layerTempFile())
