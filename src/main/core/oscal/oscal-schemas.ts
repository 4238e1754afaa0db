import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv'
import addFormats from 'ajv-formats'
import catalogSchema from '../../../../resources/oscal/oscal_catalog_schema.json'

/**
 * NIST's OSCAL 1.1.3 JSON Schemas (draft-07) checked with ajv. The schemas' patterns use Unicode
 * property escapes (\p{L}), which need the `u` flag: ajv's unicodeRegExp stays at its default, true.
 */
export function oscalAjv(allErrors: boolean): Ajv {
  const ajv = new Ajv({ strict: false, allErrors, unicodeRegExp: true })
  addFormats(ajv)
  return ajv
}

let catalogValidator: ValidateFunction | undefined

/** The catalog schema, compiled once: what an imported catalog must satisfy. */
export function validateCatalog(document: unknown): ErrorObject[] {
  catalogValidator ??= oscalAjv(false).compile(catalogSchema)
  return catalogValidator(document) ? [] : [...(catalogValidator.errors ?? [])]
}

/** "catalog.groups[0].controls[2]: must have required property 'title'" */
export function describeSchemaError(error: ErrorObject): string {
  const path = error.instancePath
    .split('/')
    .slice(1)
    .map((part) => (/^\d+$/.test(part) ? `[${part}]` : `.${part.replace(/~1/g, '/').replace(/~0/g, '~')}`))
    .join('')
    .replace(/^\./, '')
  const detail =
    error.keyword === 'additionalProperties'
      ? `has a property OSCAL does not define ("${String((error.params as { additionalProperty: string }).additionalProperty)}")`
      : error.keyword === 'pattern' || error.keyword === 'format'
        ? `is not a valid ${error.keyword === 'format' ? String((error.params as { format: string }).format) : 'value here'}`
        : (error.message ?? 'is not valid')
  return `${path || 'the document'} ${detail}`
}
