import { z } from 'zod'
import {
  AWS_SERVICES,
  CONTROL_ID_PATTERN,
  CONTROL_STATUSES,
  BUILTIN_FRAMEWORK_IDS,
  REQUIREMENT_KINDS,
  RESPONSIBILITIES
} from '../../../shared/domain'

/**
 * The shapes of the data files shipped in resources/: framework catalogs, the starter
 * control library and the sample organisation. Parsed at load time so a bad edit to a
 * data file fails loudly in the tests instead of quietly in a user's register.
 */

const text = (max: number) => z.string().trim().min(1).max(max)

export const catalogRequirementSchema = z
  .object({
    ref: text(40),
    parent: text(40).nullable(),
    kind: z.enum(REQUIREMENT_KINDS),
    title: text(200),
    /** Counted in coverage (false for grouping nodes: safeguards, chapters, principal requirements). */
    assessable: z.boolean(),
    /** Framework-specific facts: HIPAA specification (Required/Addressable), PCI applicability, ... */
    attributes: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.array(z.string())])).optional()
  })
  .strict()

export const catalogSchema = z
  .object({
    id: z.enum(BUILTIN_FRAMEWORK_IDS),
    name: text(80),
    version: text(80),
    publisher: text(200),
    notice: text(1000).optional(),
    requirements: z.array(catalogRequirementSchema).min(1)
  })
  .strict()

export type Catalog = z.infer<typeof catalogSchema>
export type CatalogRequirement = z.infer<typeof catalogRequirementSchema>

const mappingRefs = z.array(text(40))

export const libraryControlSchema = z
  .object({
    id: z.string().regex(CONTROL_ID_PATTERN),
    title: text(120),
    statement: text(2000),
    domain: text(60),
    responsibility: z.enum(RESPONSIBILITIES),
    rationale: text(1000),
    awsServices: z.array(z.enum(AWS_SERVICES)),
    mappings: z
      .object({ hipaa: mappingRefs.optional(), gdpr: mappingRefs.optional(), pci: mappingRefs.optional() })
      .strict()
  })
  .strict()

export const requirementScopingSchema = z
  .object({
    framework: z.enum(BUILTIN_FRAMEWORK_IDS),
    ref: text(40),
    /** Why no control of the library applies to this requirement. */
    reason: text(1000)
  })
  .strict()

export const starterLibrarySchema = z
  .object({
    version: z.number().int().positive(),
    controls: z.array(libraryControlSchema).min(60),
    notApplicable: z.array(requirementScopingSchema)
  })
  .strict()

export type StarterLibrary = z.infer<typeof starterLibrarySchema>
export type LibraryControl = z.infer<typeof libraryControlSchema>

export const sampleOrganisationSchema = z
  .object({
    organisation: z
      .object({
        name: text(120),
        description: text(1000),
        registerName: text(120),
        frameworks: z.array(z.enum(BUILTIN_FRAMEWORK_IDS)).min(1)
      })
      .strict(),
    people: z.array(z.object({ name: text(80), role: text(120) }).strict()).min(1),
    accounts: z
      .array(
        z
          .object({
            accountId: z.string().regex(/^\d{12}$/),
            name: text(60),
            organizationalUnit: text(60),
            purpose: text(300),
            environment: text(40)
          })
          .strict()
      )
      .min(1),
    controls: z.record(
      z.string().regex(CONTROL_ID_PATTERN),
      z
        .object({
          owner: text(80),
          status: z.enum(CONTROL_STATUSES),
          notes: text(2000).optional(),
          notApplicableReason: text(2000).optional()
        })
        .strict()
    )
  })
  .strict()

export type SampleOrganisation = z.infer<typeof sampleOrganisationSchema>
