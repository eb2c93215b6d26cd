import { contractSuite } from "@agency-crm/core/testing"
import { SqliteStore } from "../src/index.js"
import { layerTempFile } from "./support.js"

contractSuite("SqliteStore in memory", SqliteStore.layerMemory)
contractSuite("SqliteStore on a temp file", layerTempFile())
