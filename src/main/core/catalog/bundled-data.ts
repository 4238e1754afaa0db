import gdpr from '../../../../resources/catalogs/gdpr.json'
import hipaa from '../../../../resources/catalogs/hipaa.json'
import pci from '../../../../resources/catalogs/pci.json'
import sampleOrganisation from '../../../../resources/library/sample-organisation.json'
import starterLibrary from '../../../../resources/library/starter-controls.json'
import {
  catalogSchema,
  sampleOrganisationSchema,
  starterLibrarySchema,
  type Catalog,
  type SampleOrganisation,
  type StarterLibrary
} from './catalog-schema'

/**
 * The data files shipped with the app, bundled into the main process so they cannot go missing
 * at run time. Each is validated on first use.
 */
let catalogs: Catalog[] | undefined
let library: StarterLibrary | undefined
let sample: SampleOrganisation | undefined

export function bundledCatalogs(): Catalog[] {
  catalogs ??= [hipaa, gdpr, pci].map((data) => catalogSchema.parse(data))
  return catalogs
}

export function bundledStarterLibrary(): StarterLibrary {
  library ??= starterLibrarySchema.parse(starterLibrary)
  return library
}

export function bundledSampleOrganisation(): SampleOrganisation {
  sample ??= sampleOrganisationSchema.parse(sampleOrganisation)
  return sample
}
