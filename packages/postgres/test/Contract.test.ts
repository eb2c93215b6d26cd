import { contractSuite } from "@agency-crm/core/testing"
import { layerFreshSchema } from "./support.js"

contractSuite("PostgresStore", layerFreshSchema)
