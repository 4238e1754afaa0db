import { addDays } from '../../../shared/dates'
import { CONTROL_STATUSES, RESPONSIBILITIES, type ControlStatus, type FrameworkId } from '../../../shared/domain'
import { describeScope, scopeAccounts, scopeIsAll } from '../../../shared/pack-definition'
import type { PackInput } from '../../../shared/schemas'
import type { PackControlChoice, RequirementNode } from '../../../shared/types'
import { freshnessOf } from '../evidence/freshness'
import type { Register } from '../register'
import type { PackContent, PackControl, PackEvidence, PackFramework } from './pack-content'

/** The audit-log appendix shows at most this many entries of the period. */
export const AUDIT_APPENDIX_LIMIT = 10_000

export interface PackRequest extends PackInput {
  id: string | null
  controls: PackControlChoice[]
}

/** Characters no file system or ZIP tool accepts in a name: control characters and reserved punctuation. */
// eslint-disable-next-line no-control-regex
const UNSAFE_IN_FILE_NAMES = /[\u0000-\u001f\u007f<>:"/\\|?*]/g

/** A name that is safe as a file name in a PDF and a path segment in a ZIP on every system. */
export function safeFileName(name: string, max = 120): string {
  const cleaned = name.replace(UNSAFE_IN_FILE_NAMES, '_').replace(/\s+/g, ' ').trim()
  const trimmed = [...cleaned]
    .slice(0, max)
    .join('')
    .replace(/[. ]+$/, '')
  return trimmed || 'unnamed'
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
}

interface EvidenceRow {
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

/**
 * Gathers what a pack shows: the chosen frameworks' requirements with their included controls,
 * the evidence of those controls that falls in the audit period and the scope, and the audit-log
 * entries of the period. Runs in the main process; the result goes to the worker that writes files.
 */
export function assemblePack(
  register: Register,
  request: PackRequest,
  generator: string,
  signing: PackContent['signing'] = { publicKeyPem: '', fingerprint: '' }
): PackContent {
  const db = register.db
  const allAccounts = register.accounts()
  const accounts = scopeAccounts(request.scope, allAccounts)
  const scopeIds = new Set(accounts.map((account) => account.accountId))
  const everyAccount = scopeIsAll(request.scope)
  const excluded = new Map(
    request.controls.filter((choice) => !choice.included).map((choice) => [choice.controlId, choice.reason])
  )
  const added = new Map(
    request.controls.filter((choice) => choice.included).map((choice) => [choice.controlId, choice.reason])
  )

  const controlRows = new Map(
    (db.prepare(`SELECT * FROM controls ORDER BY id`).all() as ControlRow[]).map((row) => [row.id, row])
  )
  const included = new Set<string>()
  const trees = request.frameworks.map((framework) => ({ framework, nodes: register.frameworks.tree(framework) }))
  for (const { nodes } of trees) {
    for (const node of nodes)
      for (const control of node.controls) if (!excluded.has(control.id)) included.add(control.id)
  }
  for (const id of added.keys()) if (controlRows.has(id)) included.add(id)

  const frameworks: PackFramework[] = trees.map(({ framework, nodes }) => {
    const summary = register.frameworks.get(framework, nodes)
    const byStatus = Object.fromEntries(
      CONTROL_STATUSES.map((status) => [status, 0])
    ) as PackFramework['summary']['byStatus']
    const byResponsibility = Object.fromEntries(
      RESPONSIBILITIES.map((r) => [r, 0])
    ) as PackFramework['summary']['byResponsibility']
    const counted = new Set<string>()
    for (const node of nodes) {
      for (const control of node.controls) {
        if (!included.has(control.id) || counted.has(control.id)) continue
        counted.add(control.id)
        byStatus[control.status]++
        byResponsibility[control.responsibility]++
      }
    }
    return {
      id: framework,
      name: summary.name,
      version: summary.version,
      publisher: summary.publisher,
      notice: summary.notice,
      summary: {
        requirements: summary.requirements,
        notApplicable: summary.notApplicable,
        covered: summary.covered,
        mapped: summary.mapped,
        byStatus,
        byResponsibility
      },
      requirements: nodes.map((node) => ({
        ref: node.ref,
        title: node.title,
        kind: node.kind,
        depth: node.depth,
        assessable: node.assessable,
        applicable: node.applicable,
        scopingReason: node.scopingReason,
        controls: node.controls.filter((control) => included.has(control.id)).map((control) => control.id)
      }))
    }
  })

  // Evidence of the included controls that speaks for the period and the scope.
  const evidenceRows = db
    .prepare(
      `SELECT e.id, e.title, e.kind, e.source, e.source_detail, e.original_name, b.media_type, b.size, e.sha256,
         e.effective_date, e.period_start, e.period_end, e.review_by,
         group_concat(ec.control_id, ',') AS controls,
         (SELECT group_concat(ea.account_id, ',') FROM evidence_accounts ea WHERE ea.evidence_id = e.id) AS accounts
       FROM evidence e JOIN blobs b ON b.sha256 = e.sha256
       JOIN evidence_controls ec ON ec.evidence_id = e.id
       WHERE e.removed_at IS NULL
         AND ((e.effective_date BETWEEN @start AND @end)
           OR (e.period_start IS NOT NULL AND e.period_end IS NOT NULL AND e.period_start <= @end AND e.period_end >= @start))
       GROUP BY e.id ORDER BY e.rowid`
    )
    .all({ start: request.periodStart, end: request.periodEnd }) as EvidenceRow[]

  const groupsOfControl = new Map<string, Set<string>>()
  for (const { framework, nodes } of trees) {
    const byRef = new Map(nodes.map((node) => [node.ref, node]))
    const label = frameworks.find((item) => item.id === framework)!.name
    for (const node of nodes) {
      if (!node.assessable) continue
      const group = folderGroup(framework, node, byRef)
      const folder = `${safeFileName(label, 40)}/${safeFileName(`${group.ref} ${group.title}`, 80)}`
      for (const control of node.controls) {
        if (!included.has(control.id)) continue
        const folders = groupsOfControl.get(control.id) ?? new Set<string>()
        folders.add(folder)
        groupsOfControl.set(control.id, folders)
      }
    }
  }

  const expiringDays = register.evidence.expiringDays()
  const evidence: PackEvidence[] = []
  for (const row of evidenceRows) {
    const controls = row.controls
      .split(',')
      .filter((id) => included.has(id))
      .sort()
    if (controls.length === 0) continue
    const covered = row.accounts ? row.accounts.split(',') : []
    // Evidence tagged with accounts belongs when one of them is in scope; every account's scope takes it all.
    if (!everyAccount && covered.length > 0 && !covered.some((account) => scopeIds.has(account))) continue
    const folders = new Set<string>()
    for (const control of controls)
      for (const folder of groupsOfControl.get(control) ?? ['Additional controls']) folders.add(folder)
    evidence.push({
      id: row.id,
      title: row.title,
      kind: row.kind,
      source: row.source,
      sourceDetail: row.source_detail,
      originalName: row.original_name,
      mediaType: row.media_type,
      size: row.size,
      sha256: row.sha256,
      effectiveDate: row.effective_date,
      periodStart: row.period_start,
      periodEnd: row.period_end,
      reviewBy: row.review_by,
      freshness: freshnessOf(row.review_by, request.periodEnd, expiringDays),
      controls,
      path: register.vault.pathOf(row.sha256),
      fileName: safeFileName(`${row.id} ${row.original_name}`),
      folders: [...folders].sort()
    })
  }

  const evidenceOf = new Map<string, string[]>()
  for (const item of evidence) {
    for (const control of item.controls) {
      const listed = evidenceOf.get(control)
      if (listed) listed.push(item.id)
      else evidenceOf.set(control, [item.id])
    }
  }
  const controls: Record<string, PackControl> = {}
  for (const id of [...included].sort()) {
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
      evidence: evidenceOf.get(id) ?? [],
      addedReason: added.get(id) ?? null
    }
  }
  const mapped = new Set(frameworks.flatMap((framework) => framework.requirements.flatMap((node) => node.controls)))

  const auditEntries = register.audit
    .list({ from: request.periodStart, to: addDays(request.periodEnd, 1), order: 'asc', limit: AUDIT_APPENDIX_LIMIT })
    .map(({ seq, at, actor, summary, hash }) => ({ seq, at, actor, summary, hash }))

  return {
    pack: {
      id: request.id,
      name: request.name,
      organisation: request.organisation,
      auditor: request.auditor,
      preparer: request.preparer,
      periodStart: request.periodStart,
      periodEnd: request.periodEnd,
      generatedAt: register.now().toISOString(),
      generator,
      scopeLabel: describeScope(request.scope, allAccounts),
      accounts: accounts.map(({ accountId, name, organizationalUnit }) => ({ accountId, name, organizationalUnit }))
    },
    frameworks,
    controls,
    excluded: [...excluded].map(([id, reason]) => ({ id, title: controlRows.get(id)?.title ?? id, reason })),
    additional: [...added.keys()].filter((id) => included.has(id) && !mapped.has(id)),
    evidence,
    auditEntries,
    signing
  }
}
