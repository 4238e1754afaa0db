import { addDays } from '../../../shared/dates'
import { freshnessOf, inForce } from '../../../shared/compliance/evidence-rules'
import { emptyCounts, type ResultCounts } from '../../../shared/compliance/results'
import type { ControlStatus, FrameworkId } from '../../../shared/domain'
import type { PackInput } from '../../../shared/schemas'
import type { PackControlChoice, RequirementNode } from '../../../shared/types'
import { DATED_IN_PERIOD_SQL, IN_SCOPE_SQL } from '../compliance/assessment-queries'
import type { Assessment } from '../compliance/assessment'
import { runToEnd, type Stepwise } from '../util/time-slices'
import { packAuditEntrySteps } from './pack-audit'
import {
  AUDIT_APPENDIX_LIMIT,
  type PackContent,
  type PackControl,
  type PackEvidence,
  type PackFramework,
  type PackRequirement
} from './pack-content'
import type { PackSources } from './pack-sources'
import { safeFileName } from './safe-file-name'

export interface PackRequest extends PackInput {
  id: string | null
  controls: PackControlChoice[]
}

interface ControlRow {
  id: string
  title: string
  statement: string
  domain: string
  owner: string
  status: ControlStatus
  responsibility: PackControl['responsibility']
  rationale: string
  aws_services: string
  not_applicable_reason: string
}

interface EvidenceRow {
  position: number
  id: string
  title: string
  kind: PackEvidence['kind']
  source: string
  source_detail: string
  original_name: string
  media_type: string
  size: number
  sha256: string
  effective_date: string | null
  period_start: string | null
  period_end: string | null
  review_by: string | null
  controls: string
  accounts: string | null
}

/** The folder of a requirement in the ZIP: its PCI DSS requirement, HIPAA standard or GDPR article. */
function folderGroup(
  framework: FrameworkId,
  node: RequirementNode,
  byRef: Map<string, RequirementNode>
): RequirementNode {
  const stopAt = framework === 'pci' ? 0 : 1
  let current = node
  for (;;) {
    const parent = current.depth > stopAt && current.parentRef ? byRef.get(current.parentRef) : undefined
    if (!parent) return current
    current = parent
  }
}

/** A group's reference written so folders sort naturally: "01".."12" for PCI DSS requirements, "Art. 05" for GDPR. */
export function sortableRef(ref: string): string {
  if (/^\d+$/.test(ref)) return ref.padStart(2, '0')
  const article = /^Art\. (\d+)$/.exec(ref)
  return article ? `Art. ${article[1]!.padStart(2, '0')}` : ref
}

/** The top-level groups of a framework's tree (PCI DSS requirements, HIPAA safeguards, GDPR chapters) with their results. */
function groupsOf(nodes: RequirementNode[]): PackFramework['groups'] {
  return nodes
    .filter((node) => node.depth === 0)
    .map((node) => {
      const counts: ResultCounts = emptyCounts()
      for (const key of Object.keys(counts) as (keyof ResultCounts)[]) counts[key] = node.subtree[key]
      return { ref: node.ref, title: node.title, counts }
    })
}

/** The period's full log written beside the pack: where, under what name, and its last entry. */
export interface PackAuditLog {
  path: string | null
  name: string
  lastSeq?: number
}

/** Controls looked up in one query: each step's query stays short however many a pack includes. */
const CONTROLS_PER_QUERY = 500

function chunksOf<T>(items: T[], size: number): T[][] {
  const chunks: T[][] = []
  for (let at = 0; at < items.length; at += size) chunks.push(items.slice(at, at + size))
  return chunks
}

/**
 * Gathers what a pack shows: the assessment of its frameworks for its period, scope and choice of
 * controls (results from the one result rule, open items), each control once, the evidence of
 * those controls dated in the period and in scope, and the audit-log entries that concern them.
 * Runs in the main process, at once or in slices (an export's); the result goes to the worker that writes files.
 */
export function assemblePack(
  sources: PackSources,
  request: PackRequest,
  assessment: Assessment,
  signing?: PackContent['signing'],
  auditLog?: PackAuditLog
): PackContent {
  return runToEnd(assemblePackSteps(sources, request, assessment, signing, auditLog))
}

/** assemblePack as steps, yielding between controls, evidence, requirements and stretches of the audit log. */
export function* assemblePackSteps(
  sources: PackSources,
  request: PackRequest,
  assessment: Assessment,
  signing: PackContent['signing'] = { publicKeyPem: '', fingerprint: '' },
  auditLog: PackAuditLog = { path: null, name: '' }
): Stepwise<PackContent> {
  const { db } = sources
  const { judgedOn } = assessment.context
  const period = assessment.options.period
  const scopeAccounts = assessment.options.scope.accounts
  const expiringDays = assessment.options.expiringDays
  const included = assessment.assessedControlIds()
  const added = new Map(request.controls.filter((choice) => choice.included).map((c) => [c.controlId, c.reason]))

  const trees: { framework: FrameworkId; nodes: RequirementNode[] }[] = []
  for (const framework of request.frameworks) {
    trees.push({ framework, nodes: assessment.tree(framework) })
    yield
  }
  const requirementsOf = new Map<string, { framework: FrameworkId; ref: string }[]>()
  const groupsOfControl = new Map<string, Set<string>>()
  for (const { framework, nodes } of trees) {
    const byRef = new Map(nodes.map((node) => [node.ref, node]))
    const label = safeFileName(assessment.summary(framework).name, 40)
    // Many requirements share a folder: each group's name is made once.
    const folderOf = new Map<RequirementNode, string>()
    for (const node of nodes) {
      if (!node.assessable) continue
      const group = folderGroup(framework, node, byRef)
      let folder = folderOf.get(group)
      if (folder === undefined) {
        folder = `${label}/${safeFileName(`${sortableRef(group.ref)} ${group.title}`, 80)}`
        folderOf.set(group, folder)
      }
      for (const control of node.controls) {
        const refs = requirementsOf.get(control.id) ?? []
        refs.push({ framework, ref: node.ref })
        requirementsOf.set(control.id, refs)
        const folders = groupsOfControl.get(control.id) ?? new Set<string>()
        folders.add(folder)
        groupsOfControl.set(control.id, folders)
      }
      yield
    }
  }

  // Evidence of the included controls that is dated in the period and speaks for the scope, found a
  // chunk of controls at a time; an item linked to controls of several chunks is met once per chunk.
  const evidenceQuery = db.prepare(
    `SELECT e.rowid AS position, e.id, e.title, e.kind, e.source, e.source_detail, e.original_name, b.media_type,
       b.size, e.sha256, e.effective_date, e.period_start, e.period_end, e.review_by,
       group_concat(ec.control_id, ',') AS controls,
       (SELECT group_concat(ea.account_id, ',') FROM evidence_accounts ea WHERE ea.evidence_id = e.id) AS accounts
     FROM evidence e JOIN blobs b ON b.sha256 = e.sha256
     JOIN evidence_controls ec ON ec.evidence_id = e.id
     WHERE e.removed_at IS NULL AND ${DATED_IN_PERIOD_SQL('e')} AND ${IN_SCOPE_SQL('e', scopeAccounts)}
       AND ec.control_id IN (SELECT value FROM json_each(@controls))
     GROUP BY e.id`
  )
  const evidenceById = new Map<string, EvidenceRow>()
  for (const chunk of chunksOf(included, CONTROLS_PER_QUERY)) {
    const rows = evidenceQuery.all({
      start: period.start,
      end: period.end,
      scope: JSON.stringify(scopeAccounts ?? []),
      controls: JSON.stringify(chunk)
    }) as EvidenceRow[]
    for (const row of rows) {
      const seen = evidenceById.get(row.id)
      if (seen) seen.controls = `${seen.controls},${row.controls}`
      else evidenceById.set(row.id, row)
    }
    yield
  }
  const evidenceRows = [...evidenceById.values()].sort((a, b) => a.position - b.position)
  evidenceById.clear()

  const shortNames = new Map(request.frameworks.map((id) => [id, assessment.summary(id).shortName]))
  const evidence: PackEvidence[] = []
  for (const row of evidenceRows) {
    const controls = row.controls.split(',').sort()
    const dates = {
      effectiveDate: row.effective_date,
      periodStart: row.period_start,
      periodEnd: row.period_end,
      reviewBy: row.review_by
    }
    const folders = new Set<string>()
    for (const control of controls)
      for (const folder of groupsOfControl.get(control) ?? ['Additional controls']) folders.add(folder)
    const requirements = new Set<string>()
    for (const control of controls)
      for (const { framework, ref } of requirementsOf.get(control) ?? [])
        requirements.add(`${shortNames.get(framework)} ${ref}`)
    evidence.push({
      id: row.id,
      docRef: `DOC-${row.id.slice(3)}`,
      title: row.title,
      kind: row.kind,
      source: row.source,
      sourceDetail: row.source_detail,
      originalName: row.original_name,
      mediaType: row.media_type,
      size: row.size,
      sha256: row.sha256,
      ...dates,
      freshness: freshnessOf(row.review_by, judgedOn, expiringDays),
      inForce: inForce(dates, period, judgedOn),
      accounts: row.accounts ? row.accounts.split(',').sort() : [],
      controls,
      requirements: [...requirements],
      path: sources.vaultPath(row.sha256),
      fileName: safeFileName(`${row.id} ${row.original_name}`),
      folders: [...folders].sort()
    })
    yield
  }

  const evidenceOf = new Map<string, string[]>()
  for (const item of evidence) {
    for (const control of item.controls) {
      const listed = evidenceOf.get(control)
      if (listed) listed.push(item.id)
      else evidenceOf.set(control, [item.id])
    }
  }

  const frameworks: PackFramework[] = []
  for (const { framework, nodes } of trees) {
    const summary = assessment.summary(framework)
    const requirements: PackRequirement[] = []
    for (const node of nodes) {
      requirements.push({
        ref: node.ref,
        title: node.title,
        kind: node.kind,
        depth: node.depth,
        assessable: node.assessable,
        applicable: node.applicable,
        scopingReason: node.scopingReason,
        result: node.result,
        reasons: node.reasons,
        specification: node.specification,
        decision: node.decision,
        responsibility: node.responsibility,
        controls: node.controls.map((control) => control.id),
        evidence: [...new Set(node.controls.flatMap((control) => evidenceOf.get(control.id) ?? []))].sort(),
        checks: node.checks
      })
      yield
    }
    frameworks.push({
      id: framework,
      name: summary.name,
      shortName: summary.shortName,
      version: summary.version,
      publisher: summary.publisher,
      notice: summary.notice,
      results: summary.results,
      groups: groupsOf(nodes),
      requirements
    })
  }

  const controlQuery = db.prepare(
    `SELECT id, title, statement, domain, owner, status, responsibility, rationale, aws_services, not_applicable_reason
     FROM controls WHERE id IN (SELECT value FROM json_each(?))`
  )
  const controlRows = new Map<string, ControlRow>()
  for (const chunk of chunksOf(included, CONTROLS_PER_QUERY)) {
    for (const row of controlQuery.all(JSON.stringify(chunk)) as ControlRow[]) controlRows.set(row.id, row)
    yield
  }
  const controls: Record<string, PackControl> = {}
  for (const id of included) {
    const row = controlRows.get(id)!
    controls[id] = {
      id,
      title: row.title,
      statement: row.statement,
      domain: row.domain,
      owner: row.owner,
      status: row.status,
      responsibility: row.responsibility,
      rationale: row.rationale,
      awsServices: JSON.parse(row.aws_services) as string[],
      notApplicableReason: row.not_applicable_reason,
      evidence: evidenceOf.get(id) ?? [],
      evidenceInForce: assessment.controls.get(id)?.evidenceInForce ?? 0,
      requirements: requirementsOf.get(id) ?? [],
      addedReason: added.get(id) ?? null
    }
    yield
  }
  controlRows.clear()
  const mapped = new Set(frameworks.flatMap((framework) => framework.requirements.flatMap((node) => node.controls)))
  const excluded = request.controls
    .filter((choice) => !choice.included)
    .map((choice) => ({
      id: choice.controlId,
      title: assessment.controls.get(choice.controlId)?.title ?? choice.controlId,
      reason: choice.reason
    }))

  const organisation = sources.organisation.get()
  const scope = new Set(scopeAccounts ?? [])
  const audit = yield* packAuditEntrySteps(db, {
    from: period.start,
    to: addDays(period.end, 1),
    controls: included,
    evidence: evidence.map((item) => item.id),
    frameworks: request.frameworks,
    packId: request.id,
    limit: AUDIT_APPENDIX_LIMIT,
    ...(auditLog.lastSeq === undefined ? {} : { upTo: auditLog.lastSeq })
  })
  const open = sources.compliance.openItems(assessment)
  yield

  return {
    pack: {
      id: request.id,
      name: request.name,
      organisation: request.organisation,
      organisationDescription: organisation.description,
      auditor: request.auditor,
      preparer: request.preparer,
      periodStart: period.start,
      periodEnd: period.end,
      judgedOn,
      generatedAt: sources.now().toISOString(),
      generator: sources.generator,
      scopeLabel: assessment.context.scopeLabel,
      scopeStatement: request.scopeStatement ?? '',
      accounts: sources.organisation.accounts().map((account) => ({
        accountId: account.accountId,
        name: account.name,
        organizationalUnit: account.organizationalUnit,
        environment: account.environment,
        purpose: account.purpose,
        inScope: scopeAccounts === null || scope.has(account.accountId),
        retired: account.retired
      }))
    },
    frameworks,
    controls,
    excluded,
    additional: [...added.keys()].filter((id) => controls[id] && !mapped.has(id)),
    evidence,
    openItems: open,
    audit: { ...audit, logPath: auditLog.path, logName: auditLog.name },
    signing
  }
}
