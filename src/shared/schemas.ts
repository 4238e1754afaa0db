import { EXPORT_FORMATS, EXPORT_KINDS, REQUEST_STATUSES } from './spreadsheets'
import { z } from 'zod'
import { ADDRESSABLE_DECISIONS } from './compliance/results'
import {
  AWS_SERVICES,
  CONTROL_EVIDENCE_STATES,
  CONTROL_ID_PATTERN,
  CONTROL_STATUSES,
  EVIDENCE_KINDS,
  EVIDENCE_SOURCES,
  BUILTIN_FRAMEWORK_IDS,
  FRAMEWORK_ID_PATTERN,
  FRESHNESS,
  RESPONSIBILITIES
} from './domain'

/**
 * Validation of everything that crosses into the core from outside: the renderer (untrusted),
 * the command line and files. One schema per input, shared by every face of the app.
 */

// C0 control characters other than tab and line breaks, and DEL.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/

/** A single line of text: trimmed, no control characters, no line breaks, bounded length. */
export const lineText = (label: string, max: number) =>
  z
    .string({ error: `${label} must be text.` })
    .trim()
    .max(max, { error: `${label} is too long (at most ${max} characters).` })
    .refine((value) => !CONTROL_CHARACTERS.test(value) && !/[\r\n]/.test(value), {
      error: `${label} must be a single line without control characters.`
    })

/** Several lines of text: no control characters other than tabs and line breaks, bounded length. */
export const longText = (label: string, max: number) =>
  z
    .string({ error: `${label} must be text.` })
    .max(max, { error: `${label} is too long (at most ${max} characters).` })
    .refine((value) => !CONTROL_CHARACTERS.test(value), {
      error: `${label} must not contain control characters.`
    })

export const frameworkIdSchema = z
  .string({ error: 'A framework id must be text.' })
  .trim()
  .toLowerCase()
  .regex(FRAMEWORK_ID_PATTERN, {
    error: `Unknown framework. Use one of: ${BUILTIN_FRAMEWORK_IDS.join(', ')}, or an imported catalog's id.`
  })
export const responsibilitySchema = z.enum(RESPONSIBILITIES, {
  error: `Unknown responsibility. Use one of: ${RESPONSIBILITIES.join(', ')}.`
})
export const controlStatusSchema = z.enum(CONTROL_STATUSES, {
  error: `Unknown status. Use one of: ${CONTROL_STATUSES.join(', ')}.`
})
export const controlIdSchema = z
  .string({ error: 'A control id must be text.' })
  .trim()
  .toUpperCase()
  .regex(CONTROL_ID_PATTERN, { error: 'A control id looks like IAM-03: 2-6 letters, a hyphen and 2-3 digits.' })
export const requirementRefSchema = lineText('A requirement reference', 40).pipe(
  z.string().min(1, { error: 'A requirement reference must not be empty.' })
)

export const TEXT_LIMITS = {
  title: 200,
  statement: 4000,
  domain: 80,
  owner: 120,
  rationale: 2000,
  notes: 10_000,
  search: 200,
  reason: 2000
} as const

export const controlQuerySchema = z
  .object({
    framework: frameworkIdSchema.optional(),
    responsibility: responsibilitySchema.optional(),
    status: controlStatusSchema.optional(),
    owner: lineText('Owner', TEXT_LIMITS.owner).optional(),
    search: lineText('Search text', TEXT_LIMITS.search).optional(),
    /** The state of the control's evidence; 'stale' is anything but fresh (expiring, expired or none). */
    evidence: z
      .enum([...CONTROL_EVIDENCE_STATES, 'stale'], { error: 'Evidence is fresh, expiring, expired, none or stale.' })
      .optional()
  })
  .strict()
export type ControlQuery = z.infer<typeof controlQuerySchema>

export const controlFieldsSchema = z.object({
  title: lineText('Title', TEXT_LIMITS.title).pipe(z.string().min(1, { error: 'Title must not be empty.' })),
  statement: longText('Statement', TEXT_LIMITS.statement),
  domain: lineText('Domain', TEXT_LIMITS.domain),
  owner: lineText('Owner', TEXT_LIMITS.owner),
  status: controlStatusSchema,
  responsibility: responsibilitySchema,
  rationale: longText('Rationale', TEXT_LIMITS.rationale),
  awsServices: z.array(z.enum(AWS_SERVICES, { error: 'Unknown AWS service.' })).max(AWS_SERVICES.length),
  notes: longText('Notes', TEXT_LIMITS.notes),
  /** Why the control does not apply (read by the auditor when its status is not applicable). */
  notApplicableReason: longText('The reason it does not apply', TEXT_LIMITS.reason)
})

export const controlPatchSchema = controlFieldsSchema
  .partial()
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, { error: 'Nothing to change: name at least one field.' })
export type ControlPatch = z.infer<typeof controlPatchSchema>

export const controlUpdateSchema = z
  .object({
    id: controlIdSchema,
    patch: controlPatchSchema,
    /** The version the editor started from; a newer version in the register is a conflict. */
    expectedVersion: z.number().int().positive().optional()
  })
  .strict()
export type ControlUpdate = z.infer<typeof controlUpdateSchema>

export const controlCreateSchema = controlFieldsSchema
  .partial()
  .extend({
    id: controlIdSchema,
    title: controlFieldsSchema.shape.title,
    responsibility: responsibilitySchema,
    /** Requirements the new control meets, mapped in the same change. */
    mappings: z
      .array(z.object({ framework: frameworkIdSchema, ref: requirementRefSchema }).strict())
      .max(500, { error: 'At most 500 mappings at once.' })
      .optional()
  })
  .strict()
export type ControlCreate = z.infer<typeof controlCreateSchema>

export const controlIdArgsSchema = z.object({ id: controlIdSchema }).strict()

export const mappingArgsSchema = z
  .object({ id: controlIdSchema, framework: frameworkIdSchema, ref: requirementRefSchema })
  .strict()

export const frameworkArgsSchema = z.object({ framework: frameworkIdSchema }).strict()

export const optionalFrameworkArgsSchema = z.object({ framework: frameworkIdSchema.optional() }).strict()

export const requirementScopeSchema = z
  .object({
    framework: frameworkIdSchema,
    ref: requirementRefSchema,
    applicable: z.boolean(),
    reason: longText('Reason', TEXT_LIMITS.reason)
  })
  .strict()
  .refine((value) => value.applicable || value.reason.trim().length > 0, {
    error: 'Say why the requirement does not apply.',
    path: ['reason']
  })

export const auditQuerySchema = z
  .object({
    entityType: lineText('Object type', 40).optional(),
    entityId: lineText('Object id', 200).optional(),
    actor: lineText('Person', TEXT_LIMITS.owner).optional(),
    beforeSeq: z.number().int().positive().optional(),
    limit: z.number().int().min(1).max(5000).optional()
  })
  .strict()

export const searchArgsSchema = z
  .object({ text: lineText('Search text', TEXT_LIMITS.search), limit: z.number().int().min(1).max(100).optional() })
  .strict()

export const emptyArgsSchema = z.object({}).strict().optional()

/** A calendar date written YYYY-MM-DD, checked to exist (no 30 February). */
export const isoDateSchema = (label: string) =>
  z
    .string({ error: `${label} must be a date written YYYY-MM-DD.` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: `${label} must be a date written YYYY-MM-DD.` })
    .refine(
      (value) => {
        const date = new Date(`${value}T00:00:00Z`)
        return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value
      },
      { error: `${label} is not a real date.` }
    )

export const awsAccountIdSchema = z.string().regex(/^\d{12}$/, { error: 'An AWS account id is 12 digits.' })

const evidenceFields = {
  title: lineText('Title', TEXT_LIMITS.title).pipe(z.string().min(1, { error: 'Title must not be empty.' })),
  kind: z.enum(EVIDENCE_KINDS, { error: `Unknown kind. Use one of: ${EVIDENCE_KINDS.join(', ')}.` }),
  source: z.enum(EVIDENCE_SOURCES, { error: `Unknown source. Use one of: ${EVIDENCE_SOURCES.join(', ')}.` }),
  sourceDetail: lineText('Source detail', 120),
  effectiveDate: isoDateSchema('The effective date').nullable(),
  periodStart: isoDateSchema('The start of the period').nullable(),
  periodEnd: isoDateSchema('The end of the period').nullable(),
  reviewBy: isoDateSchema('The review-by date').nullable(),
  notes: longText('Notes', TEXT_LIMITS.notes),
  /** The AWS accounts it covers; none means the whole organisation. */
  accounts: z.array(awsAccountIdSchema).max(1000)
}

const periodInOrder = (value: { periodStart?: string | null; periodEnd?: string | null }): boolean =>
  !value.periodStart || !value.periodEnd || value.periodStart <= value.periodEnd

const PERIOD_ORDER_ERROR = { error: 'The period must start on or before its end.', path: ['periodEnd'] }

/** What the user may say about files when attaching them; anything left out is worked out. */
export const evidenceImportOptionsSchema = z
  .object(evidenceFields)
  .partial()
  .extend({
    controls: z.array(controlIdSchema).max(500).optional(),
    /** Apply the details read from the file (title, type, period) instead of only offering them. */
    acceptDetected: z.boolean().optional()
  })
  .strict()
  .refine(periodInOrder, PERIOD_ORDER_ERROR)
export type EvidenceImportOptions = z.infer<typeof evidenceImportOptionsSchema>

export const jobIdSchema = z.string().regex(/^[\w-]{8,64}$/, { error: 'A job id is 8-64 letters, digits or dashes.' })

/**
 * A path on disk, as the user's system gave it: any character a file name may hold (a newline
 * too) but NUL. It is only opened; what is shown of it goes through displayName and safeText.
 */
export const filePathSchema = z
  .string({ error: 'A file path must be text.' })
  .min(1, { error: 'A file path must not be empty.' })
  .max(4096, { error: 'A file path is too long (at most 4096 characters).' })
  .refine((value) => !value.includes('\0'), { error: 'A file path cannot hold a NUL character.' })

export const evidenceImportSchema = z
  .object({
    paths: z.array(filePathSchema).min(1).max(200),
    options: evidenceImportOptionsSchema.optional(),
    jobId: jobIdSchema.optional()
  })
  .strict()

export const evidenceIdSchema = z
  .string({ error: 'An evidence id must be text.' })
  .trim()
  .toUpperCase()
  .regex(/^EV-\d{4,7}$/, { error: 'An evidence id looks like EV-0012.' })

export const evidenceQuerySchema = z
  .object({
    kind: evidenceFields.kind.optional(),
    source: evidenceFields.source.optional(),
    freshness: z.enum(FRESHNESS, { error: 'Freshness is fresh, expiring or expired.' }).optional(),
    control: controlIdSchema.optional(),
    search: lineText('Search text', TEXT_LIMITS.search).optional(),
    includeRemoved: z.boolean().optional()
  })
  .strict()
export type EvidenceQuery = z.infer<typeof evidenceQuerySchema>

export const evidenceListArgsSchema = z
  .object({
    query: evidenceQuerySchema.optional(),
    offset: z.number().int().min(0).optional(),
    limit: z.number().int().min(1).max(1000).optional()
  })
  .strict()

export const evidencePatchSchema = z
  .object(evidenceFields)
  .extend({ detectedConfirmed: z.boolean() })
  .partial()
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, { error: 'Nothing to change: name at least one field.' })
  .refine(periodInOrder, PERIOD_ORDER_ERROR)
export type EvidencePatch = z.infer<typeof evidencePatchSchema>

export const evidenceUpdateSchema = z
  .object({ id: evidenceIdSchema, patch: evidencePatchSchema, expectedVersion: z.number().int().positive().optional() })
  .strict()

export const evidenceIdArgsSchema = z.object({ id: evidenceIdSchema }).strict()
export const evidenceLinkSchema = z.object({ id: evidenceIdSchema, control: controlIdSchema }).strict()
export const evidenceLinkInheritedSchema = z.object({ id: evidenceIdSchema, framework: frameworkIdSchema }).strict()
export const evidenceRemoveSchema = z
  .object({ id: evidenceIdSchema, reason: lineText('Reason', TEXT_LIMITS.reason).optional() })
  .strict()
export const evidenceContentSchema = z
  .object({
    id: evidenceIdSchema,
    maxBytes: z
      .number()
      .int()
      .positive()
      .max(64 * 1024 * 1024)
      .optional()
  })
  .strict()
export const jobArgsSchema = z.object({ jobId: jobIdSchema }).strict()
export const optionalJobArgsSchema = z.object({ jobId: jobIdSchema.optional() }).strict().optional()
/** An audit period: two real dates, the start on or before the end. */
export const auditPeriodSchema = z
  .object({ start: isoDateSchema('The start of the audit period'), end: isoDateSchema('The end of the audit period') })
  .strict()
  .refine((period) => period.start <= period.end, {
    error: 'The audit period must start on or before its end.',
    path: ['end']
  })

export const settingsSchema = z
  .object({
    expiringDays: z.number({ error: 'Days must be a number.' }).int().min(1).max(365),
    /** The register's audit period; null lets it follow today (the twelve months ending today). */
    auditPeriod: auditPeriodSchema.nullable()
  })
  .partial()
  .strict()

const uniqueFrameworks = z
  .array(frameworkIdSchema)
  .min(1, { error: 'Choose at least one framework.' })
  .max(50)
  .refine((frameworks) => new Set(frameworks).size === frameworks.length, { error: 'A framework is listed twice.' })

/** Which AWS accounts a pack covers: none chosen means every account. */
export const packScopeSchema = z
  .object({
    accounts: z.array(awsAccountIdSchema).max(1000),
    organizationalUnits: z.array(lineText('An organizational unit', 60).pipe(z.string().min(1))).max(200)
  })
  .strict()

const packFields = {
  name: lineText('Name', 120).pipe(z.string().min(1, { error: 'Give the pack a name.' })),
  /** What is in scope, in words: the cardholder data environment, where ePHI lives, the processing covered. */
  scopeStatement: longText('Scope statement', TEXT_LIMITS.statement).optional(),
  frameworks: uniqueFrameworks,
  scope: packScopeSchema,
  periodStart: isoDateSchema('The start of the audit period'),
  periodEnd: isoDateSchema('The end of the audit period'),
  organisation: lineText('Organisation', 120).pipe(z.string().min(1, { error: 'Name the organisation.' })),
  auditor: lineText('Auditor', 120),
  preparer: lineText('Prepared by', 120)
}

export const packInputSchema = z.object(packFields).strict().refine(periodInOrder, PERIOD_ORDER_ERROR)
export type PackInput = z.infer<typeof packInputSchema>

export const packIdSchema = z
  .string({ error: 'A pack id must be text.' })
  .trim()
  .toUpperCase()
  .regex(/^PK-\d{4,6}$/, { error: 'A pack id looks like PK-0003.' })

export const packIdArgsSchema = z.object({ id: packIdSchema }).strict()

export const packUpdateSchema = z
  .object({
    id: packIdSchema,
    patch: z
      .object(packFields)
      .partial()
      .strict()
      .refine((patch) => Object.keys(patch).length > 0, { error: 'Nothing to change: name at least one field.' }),
    expectedVersion: z.number().int().positive().optional()
  })
  .strict()

export const packControlChoiceSchema = z
  .object({
    id: packIdSchema,
    control: controlIdSchema,
    /** false: taken out of the pack; true: added although not mapped to its frameworks; null: back to the default. */
    included: z.boolean().nullable(),
    reason: longText('Reason', TEXT_LIMITS.reason)
  })
  .strict()
  .refine((choice) => choice.included === null || choice.reason.trim().length > 0, {
    error: 'Say why the control is taken out of or added to the pack.',
    path: ['reason']
  })

export const packExportSchema = z
  .object({
    id: packIdSchema,
    pdf: z.boolean(),
    zip: z.boolean(),
    jobId: jobIdSchema.optional()
  })
  .strict()
  .refine((value) => value.pdf || value.zip, { error: 'Choose PDF, ZIP or both.' })

export const packVerifyPathSchema = z.object({ path: filePathSchema }).strict()
/** A preparer's key fingerprint as typed or pasted: 64 hexadecimal digits, spaces and colons allowed. */
export const trustKeySchema = z
  .object({
    fingerprint: lineText('The fingerprint', 200).refine((text) => /^[0-9a-f]{64}$/i.test(text.replace(/[\s:]/g, '')), {
      error: 'A fingerprint is 64 hexadecimal digits (spaces and colons are ignored).'
    }),
    label: lineText('Whose key it is', 200).optional()
  })
  .strict()
export const exportPathSchema = z.object({ path: lineText('A file path', 4096).pipe(z.string().min(1)) }).strict()

// ---- the organisation: its name, people, AWS accounts and organizational units ----

export const personNameSchema = lineText('Name', TEXT_LIMITS.owner).pipe(
  z.string().min(1, { error: 'Give the person a name.' })
)
const emailSchema = lineText('E-mail', 200).refine(
  (value) => value === '' || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value),
  {
    error: 'The e-mail address does not look right (name@example.com).'
  }
)

export const organisationPatchSchema = z
  .object({
    name: lineText('Organisation', 120).pipe(z.string().min(1, { error: 'Name the organisation.' })),
    description: longText('Description', TEXT_LIMITS.statement),
    frameworks: z.array(frameworkIdSchema).max(50),
    registerName: lineText('Register name', 120).pipe(z.string().min(1, { error: 'Name the register.' })),
    /** The person using this register (a person of the organisation), or null. */
    you: personNameSchema.nullable(),
    setUpDone: z.boolean()
  })
  .partial()
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, { error: 'Nothing to change: name at least one field.' })
export type OrganisationPatch = z.infer<typeof organisationPatchSchema>

export const personInputSchema = z
  .object({
    name: personNameSchema,
    role: lineText('Role', 200).optional(),
    email: emailSchema.optional()
  })
  .strict()
export type PersonInput = z.infer<typeof personInputSchema>

export const personUpdateSchema = z
  .object({
    id: z.number().int().positive(),
    patch: z
      .object({
        name: personNameSchema,
        role: lineText('Role', 200),
        email: emailSchema,
        retired: z.boolean()
      })
      .partial()
      .strict()
      .refine((patch) => Object.keys(patch).length > 0, { error: 'Nothing to change: name at least one field.' })
  })
  .strict()

const accountFields = {
  name: lineText('Account name', 60).pipe(z.string().min(1, { error: 'Name the account.' })),
  environment: lineText('Environment', 40),
  purpose: lineText('Purpose', 300),
  organizationalUnit: lineText('Organizational unit', 60)
}

export const accountInputSchema = z
  .object({ accountId: awsAccountIdSchema, ...accountFields })
  .partial({ environment: true, purpose: true, organizationalUnit: true })
  .strict()
export type AccountInput = z.infer<typeof accountInputSchema>

export const accountUpdateSchema = z
  .object({
    accountId: awsAccountIdSchema,
    patch: z
      .object({ ...accountFields, retired: z.boolean() })
      .partial()
      .strict()
      .refine((patch) => Object.keys(patch).length > 0, { error: 'Nothing to change: name at least one field.' })
  })
  .strict()

export const accountIdArgsSchema = z.object({ accountId: awsAccountIdSchema }).strict()

/** The JSON that `aws organizations list-accounts` (and its kin) print, pasted or read from a file. */
export const accountsImportSchema = z
  .object({
    text: z
      .string()
      .max(5 * 1024 * 1024, { error: 'The file is too large for an AWS Organizations listing (5 MB at most).' }),
    /** The organizational unit the listed accounts belong to (list-accounts-for-parent names none). */
    organizationalUnit: lineText('Organizational unit', 60).optional()
  })
  .strict()

export const organizationalUnitSchema = z
  .object({ name: accountFields.organizationalUnit.pipe(z.string().min(1)), purpose: lineText('Purpose', 300) })
  .strict()

/**
 * A framework's requirement tree with results for a period and scope: by default the register's
 * own audit period and every AWS account.
 */
/** How many controls a screen shows at once for a node or a column before "+N more" (and a cap on a page of them). */
export const SCREEN_CONTROLS_LIMIT = 1000
/** Controls a screen lists per requirement before "+N more" (and five times as many per responsibility column). */
export const CONTROLS_SHOWN = 4
const controlsShownSchema = z
  .number({ error: 'The number of controls shown must be a number.' })
  .int()
  .min(0)
  .max(SCREEN_CONTROLS_LIMIT, { error: `Show at most ${SCREEN_CONTROLS_LIMIT} controls at once.` })

export const treeArgsSchema = z
  .object({
    framework: frameworkIdSchema,
    period: auditPeriodSchema.optional(),
    scope: packScopeSchema.optional(),
    /** List only the first few controls of each node (the rest are counted in controlCount). */
    controlsPerNode: controlsShownSchema.optional()
  })
  .strict()

/** A page of the controls mapped to one requirement, for the register's audit period. */
/**
 * A search of the register's controls by id or title for a picker: at most `limit` controls,
 * leaving out those named in `exclude` (ids, controls mapped to frameworks or a requirement, or
 * controls already linked to an evidence item), so a picker on a large register lists only what
 * can be chosen.
 */
export const controlFindSchema = z
  .object({
    text: lineText('Search text', TEXT_LIMITS.search),
    limit: z.number().int().min(1).max(100).optional(),
    exclude: z
      .object({
        ids: z.array(controlIdSchema).max(2000).optional(),
        mappedTo: z
          .object({
            frameworks: z.array(frameworkIdSchema).min(1).max(20),
            ref: requirementRefSchema.optional()
          })
          .strict()
          .optional(),
        linkedToEvidence: evidenceIdSchema.optional()
      })
      .strict()
      .optional()
  })
  .strict()
export type ControlFind = z.infer<typeof controlFindSchema>

export const requirementControlsSchema = z
  .object({
    framework: frameworkIdSchema,
    ref: requirementRefSchema,
    offset: z.number().int().min(0).max(1_000_000).optional(),
    limit: controlsShownSchema.optional()
  })
  .strict()

/** The matrix with only the first few controls of each column. */
export const matrixArgsSchema = z
  .object({ framework: frameworkIdSchema.optional(), controlsPerColumn: controlsShownSchema.optional() })
  .strict()

/** A page of one responsibility column's controls. */
export const responsibilityColumnSchema = z
  .object({
    framework: frameworkIdSchema.optional(),
    responsibility: responsibilitySchema,
    offset: z.number().int().min(0).max(1_000_000).optional(),
    limit: controlsShownSchema.optional()
  })
  .strict()

export const requirementDecisionSchema = z
  .object({
    framework: frameworkIdSchema,
    ref: requirementRefSchema,
    /** null removes the decision. */
    decision: z
      .enum(ADDRESSABLE_DECISIONS, {
        error: `Unknown decision. Use one of: ${ADDRESSABLE_DECISIONS.join(', ')}.`
      })
      .nullable(),
    rationale: longText('Rationale', TEXT_LIMITS.rationale)
  })
  .strict()
  .refine((value) => value.decision === null || value.rationale.trim().length > 0, {
    error: 'Give the rationale the auditor reads for this decision.',
    path: ['rationale']
  })
/** An AWS Region name such as eu-west-1. */
export const awsRegionSchema = z
  .string()
  .regex(/^[a-z]{2}(-[a-z]+)+-\d$/, { error: 'An AWS Region is named like eu-west-1.' })

export const collectorScriptSchema = z
  .object({
    packId: packIdSchema,
    shell: z.enum(['bash', 'powershell'], { error: 'The script is for bash or powershell.' }),
    regions: z.array(awsRegionSchema).max(40).default([])
  })
  .strict()

export const collectorImportSchema = z
  .object({ path: lineText('A file path', 4096).pipe(z.string().min(1)), jobId: jobIdSchema.optional() })
  .strict()

// ---- OSCAL: exports of the register, catalogs imported as frameworks ----

/** A system security plan of one framework, for a scope (every account by default), into the data folder's exports/. */
export const oscalSspExportSchema = z
  .object({ framework: frameworkIdSchema, scope: packScopeSchema.optional() })
  .strict()

/** An OSCAL catalog's JSON text, with the id and short name to give its framework (else from its title). */
export const oscalCatalogImportSchema = z
  .object({
    text: z.string().max(64 * 1024 * 1024, { error: 'The file is too large for an OSCAL catalog (64 MB at most).' }),
    fileName: lineText('File name', 255).optional(),
    id: frameworkIdSchema.optional(),
    shortName: lineText('Short name', 24)
      .pipe(z.string().min(1, { error: 'Give the short name.' }))
      .optional()
  })
  .strict()
// ---- spreadsheets: exports into the data folder, control lists in ----

export const spreadsheetExportSchema = z
  .object({
    kind: z.enum(EXPORT_KINDS, { error: `Export one of: ${EXPORT_KINDS.join(', ')}.` }),
    format: z.enum(EXPORT_FORMATS, { error: 'Export as xlsx or csv.' }),
    framework: frameworkIdSchema.optional()
  })
  .strict()

export const controlImportMapSchema = z
  .record(lineText('A column heading', 200), lineText('A field', 80))
  .refine((map) => Object.keys(map).length <= 500, { error: 'At most 500 columns can be mapped.' })

export const controlImportSchema = z
  .object({
    path: lineText('A file path', 4096).pipe(z.string().min(1)),
    sheet: lineText('A sheet name', 200).optional(),
    map: controlImportMapSchema.optional(),
    apply: z.boolean()
  })
  .strict()

/** What the renderer sends with a control list it uploads or hands over (the path comes from the file itself). */
export const controlImportOptionsSchema = controlImportSchema.omit({ path: true })
export type ControlImportOptions = z.infer<typeof controlImportOptionsSchema>
/** A register from the recent list (the renderer names only registers the host has opened before). */
export const registerSwitchSchema = z
  .object({ dataDir: z.string().min(1, { error: 'Name the register to open.' }).max(4096) })
  .strict()

/**
 * Another data folder to open. The desktop app asks with the system's folder dialog and takes no
 * path from the page; the browser host, which has no dialog, takes the folder typed in Settings.
 */
export const registerOpenFolderSchema = z
  .object({
    path: lineText('Folder', 4096)
      .pipe(z.string().min(1, { error: 'Type the folder to open.' }))
      .optional()
  })
  .strict()
  .optional()

/** An auditor's request id, as the auditor numbered it. */
export const requestIdSchema = lineText('A request id', 60).pipe(z.string().min(1, { error: 'Name the request.' }))

export const requestListArgsSchema = z.object({ packId: packIdSchema }).strict()

/** A request list the renderer uploads or hands over (the path comes from the file itself). */
export const requestImportOptionsSchema = z
  .object({
    packId: packIdSchema,
    sheet: lineText('A sheet name', 200).optional(),
    map: controlImportMapSchema.optional(),
    apply: z.boolean()
  })
  .strict()
export type RequestImportOptions = z.infer<typeof requestImportOptionsSchema>
export const requestImportSchema = requestImportOptionsSchema
  .extend({
    path: lineText('A file path', 4096).pipe(z.string().min(1)),
    fileName: lineText('A file name', 1024).optional()
  })
  .strict()

const linkList = <T extends z.ZodType>(item: T) =>
  z.array(item).max(500, { error: 'At most 500 links can be changed at once.' }).optional()

export const requestUpdateSchema = z
  .object({
    packId: packIdSchema,
    id: requestIdSchema,
    status: z.enum(REQUEST_STATUSES, { error: `A status is one of: ${REQUEST_STATUSES.join(', ')}.` }).optional(),
    assignee: lineText('An assignee', 200).optional(),
    note: longText('A response note', 10_000).optional(),
    evidence: linkList(evidenceIdSchema),
    unlinkEvidence: linkList(evidenceIdSchema),
    controls: linkList(controlIdSchema),
    unlinkControls: linkList(controlIdSchema)
  })
  .strict()

export const requestExportSchema = z.object({ packId: packIdSchema, jobId: jobIdSchema.optional() }).strict()
