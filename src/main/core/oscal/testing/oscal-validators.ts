import type { ValidateFunction } from 'ajv'
import catalogSchema from '../../../../../resources/oscal/oscal_catalog_schema.json'
import componentSchema from '../../../../../resources/oscal/oscal_component_schema.json'
import profileSchema from '../../../../../resources/oscal/oscal_profile_schema.json'
import sspSchema from '../../../../../resources/oscal/oscal_ssp_schema.json'
import { describeSchemaError, oscalAjv } from '../oscal-schemas'

const SCHEMAS = {
  catalog: catalogSchema,
  profile: profileSchema,
  'system-security-plan': sspSchema,
  'component-definition': componentSchema
} as const

const compiled = new Map<keyof typeof SCHEMAS, ValidateFunction>()

/** Every schema error of a document against NIST's OSCAL 1.1.3 schema for its model, in words (empty when valid). */
export function oscalErrors(model: keyof typeof SCHEMAS, document: unknown): string[] {
  let validate = compiled.get(model)
  if (!validate) {
    validate = oscalAjv(true).compile(SCHEMAS[model])
    compiled.set(model, validate)
  }
  return validate(document) ? [] : (validate.errors ?? []).slice(0, 20).map(describeSchemaError)
}

/** A document read back in a test, walked freely: the schema check above is what holds its shape. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any
