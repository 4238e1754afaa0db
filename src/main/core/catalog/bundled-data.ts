import gdpr from '../../../../resources/catalogs/gdpr.json'
import hipaa from '../../../../resources/catalogs/hipaa.json'
import pci from '../../../../resources/catalogs/pci.json'
import sampleOrganisation from '../../../../resources/library/sample-organisation.json'
import starterLibrary from '../../../../resources/library/starter-controls.json'
import type { Catalog, SampleOrganisation, StarterLibrary } from './catalog-schema'

/**
 * The data files shipped with the app, bundled into the main process so they cannot go missing
 * at run time. They are checked against their schemas by the tests (catalog-data.test.ts), which
 * also prove the schemas change nothing in them, so opening a register does not parse them again.
 */
export function bundledCatalogs(): Catalog[] {
  return [hipaa, gdpr, pci] as Catalog[]
}

export function bundledStarterLibrary(): StarterLibrary {
  return starterLibrary as StarterLibrary
}

export function bundledSampleOrganisation(): SampleOrganisation {
  return sampleOrganisation as SampleOrganisation
}
