import { salesReportCases } from "@agency-crm/core/testing"
import { SqliteStore } from "../src/index.js"
import { layerTempFile } from "./support.js"

salesReportCases("SqliteStore in memory", SqliteStore.layerMemory)
salesReportCases("SqliteStore on a temp file", layerTempFile())
