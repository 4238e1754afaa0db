import type Database from 'better-sqlite3'
import { judgedOn as judgedOnFor, type AuditPeriod } from '../../../shared/compliance/period'
import {
  coverageOf,
  emptyCounts,
  requirementResponsibility,
  requirementResult,
  type AutomatedCheck,
  type ControlFacts,
  type ResultCounts
} from '../../../shared/compliance/results'
import type { ControlEvidenceState, FrameworkId } from '../../../shared/domain'
import type {
  AssessmentContext,
  ControlRef,
  FrameworkSummary,
  PackControlChoice,
  RequirementNode
} from '../../../shared/types'
import { notFound } from '../errors'
import {
  assessmentReads,
  type AssessmentReads,
  type ControlRow,
  type EvidenceInForce,
  type RequirementRow,
  type ScopeAccounts
} from './assessment-queries'
import { runInSlices, runToEnd, type Stepwise } from '../util/time-slices'

export interface AssessmentOptions {
  /** The frameworks assessed (their requirement trees are built once each, on first use). */
  frameworks: FrameworkId[]
  period: AuditPeriod
  today: string
  expiringDays: number
  /** The AWS accounts in scope (null: every account), and how the scope reads. */
  scope: { accounts: ScopeAccounts; label: string }
  /** A pack's choices: controls taken out drop out of every requirement. */
  choices?: PackControlChoice[]
}

/** A control as an assessment sees it. */
export interface AssessedControl extends ControlFacts {
  title: string
  owner: string
  /** Today's state of its best evidence (the register's Evidence column). */
  evidenceState: ControlEvidenceState
}

interface FrameworkRow {
  id: FrameworkId
  name: string
  short_name: string
  version: string
  publisher: string
  notice: string | null
  origin: 'builtin' | 'oscal'
}

/**
 * One assessment of the register for a period and a scope: every requirement's result from the
 * one result rule, with the facts it was made of. Built once per request from a few grouped
 * queries, and read by every screen, the pack, the command line and every export.
 */
export class Assessment {
  readonly context: AssessmentContext
  readonly controls: Map<string, AssessedControl>
  private readonly excluded: Set<string>
  private readonly trees = new Map<FrameworkId, RequirementNode[]>()
  private readonly derivedResults = new Map<string, unknown>()
  private preparing: Promise<void> | undefined
  /** Each control's reference, made once and shared by every node it is mapped to (read-only). */
  private readonly refs = new Map<string, ControlRef>()
  private readonly frameworkRows: Map<FrameworkId, FrameworkRow>

  private constructor(
    db: Database.Database,
    readonly options: AssessmentOptions,
    private readonly reads: AssessmentReads
  ) {
    const judgedOn = judgedOnFor(options.period, options.today)
    this.context = {
      periodStart: options.period.start,
      periodEnd: options.period.end,
      judgedOn,
      scopeLabel: options.scope.label
    }
    this.excluded = new Set((options.choices ?? []).filter((choice) => !choice.included).map((c) => c.controlId))
    const inForce = reads.evidenceInForce(options.period, judgedOn, options.scope.accounts)
    const states = reads.evidenceStates(options.today, options.expiringDays)
    this.controls = new Map(
      reads.controls().map((row) => [row.id, assessedControl(row, inForce.get(row.id), states.get(row.id) ?? 'none')])
    )
    this.frameworkRows = new Map(
      (
        db
          .prepare(`SELECT id, name, short_name, version, publisher, notice, origin FROM frameworks`)
          .all() as FrameworkRow[]
      ).map((row) => [row.id, row])
    )
    for (const framework of options.frameworks) {
      if (!this.frameworkRows.has(framework)) {
        throw notFound(`There is no framework "${framework}" in this register. List the frameworks to see their ids.`)
      }
    }
  }

  static build(db: Database.Database, options: AssessmentOptions, reads = assessmentReads(db)): Assessment {
    return new Assessment(db, options, reads)
  }

  /**
   * Something worked out from this assessment (open items, the pack's evidence count), once: an
   * assessment never changes, and is shared while the register is unchanged.
   */
  derived<T>(key: string, work: () => T): T {
    if (!this.derivedResults.has(key)) this.derivedResults.set(key, work())
    return this.derivedResults.get(key) as T
  }

  /** Whether a derived result is already kept. */
  hasDerived(key: string): boolean {
    return this.derivedResults.has(key)
  }

  /** Whether a control counts in this assessment (a pack may have taken it out). */
  includes(controlId: string): boolean {
    return this.controls.has(controlId) && !this.excluded.has(controlId)
  }

  /** Every node of a framework's tree in catalog order, each assessable one with its result and reasons. */
  tree(framework: FrameworkId): RequirementNode[] {
    return this.trees.get(framework) ?? runToEnd(this.buildTree(framework))
  }

  /**
   * Builds the trees of the assessed frameworks not built yet, in slices that give the event loop
   * a turn between them: on a large register one tree is 50-100 ms of work, which the screens'
   * reads must not hold the main process for. Reading the results afterwards takes no time.
   */
  prepare(sliceMs?: number): Promise<void> {
    // Callers asking at the same time (screens refreshing after one change) share one build.
    this.preparing ??= this.buildTrees(sliceMs)
    return this.preparing
  }

  private async buildTrees(sliceMs: number | undefined): Promise<void> {
    for (const framework of this.options.frameworks) {
      if (this.trees.has(framework)) continue
      await runInSlices(this.buildTree(framework), {
        abandon: () => this.trees.has(framework),
        ...(sliceMs === undefined ? {} : { sliceMs })
      })
    }
  }

  /** A framework's tree, pausing after each requirement (see prepare). */
  private *buildTree(framework: FrameworkId): Stepwise<RequirementNode[]> {
    if (!this.frameworkRows.has(framework)) {
      throw notFound(`There is no framework "${framework}" in this register. List the frameworks to see their ids.`)
    }
    const checks = this.reads.checks(framework, this.options.period, this.context.judgedOn, this.options.scope.accounts)
    const rows = this.reads.requirements(framework)
    const nodes: RequirementNode[] = []
    for (const row of rows) {
      yield
      nodes.push(this.nodeOf(framework, row, checks.get(row.ref) ?? []))
    }
    // Children come after their parents, so one backwards pass rolls the counts up the tree.
    const byRef = new Map(nodes.map((node) => [node.ref, node]))
    for (let index = nodes.length - 1; index >= 0; index--) {
      const node = nodes[index]!
      const parent = node.parentRef === null ? undefined : byRef.get(node.parentRef)
      if (!parent) continue
      for (const key of Object.keys(node.subtree) as (keyof RequirementNode['subtree'])[]) {
        parent.subtree[key] += node.subtree[key]
      }
    }
    // Built meanwhile by a caller that could not wait: theirs is the one every caller shares.
    const built = this.trees.get(framework)
    if (built) return built
    this.trees.set(framework, nodes)
    return nodes
  }

  /** One requirement's node: its controls in this assessment and its result from the one result rule. */
  private nodeOf(framework: FrameworkId, row: RequirementRow, requirementChecks: AutomatedCheck[]): RequirementNode {
    const attributes = JSON.parse(row.attributes) as RequirementNode['attributes']
    const specification =
      attributes.specification === 'Required' || attributes.specification === 'Addressable'
        ? attributes.specification
        : null
    const controls = (row.controls ? row.controls.split(',') : [])
      .filter((id) => this.includes(id))
      .sort()
      .map((id) => this.controls.get(id)!)
    const applicable = row.applicable !== 0
    const decision =
      row.decision === null
        ? null
        : {
            decision: row.decision,
            rationale: row.rationale ?? '',
            decidedAt: row.decided_at ?? '',
            decidedBy: row.decided_by ?? ''
          }
    const assessable = row.assessable === 1
    const outcome = assessable
      ? requirementResult({
          requirement: {
            assessable,
            applicable,
            scopingReason: row.reason,
            specification,
            decision: specification === 'Addressable' ? decision : null
          },
          controls,
          checks: requirementChecks,
          period: this.options.period
        })
      : null
    const subtree = { ...emptyCounts(), mapped: 0 }
    if (outcome) {
      subtree[outcome.result]++
      if (outcome.result !== 'not-applicable' && controls.length > 0) subtree.mapped++
    }
    return {
      framework,
      ref: row.ref,
      parentRef: row.parent_ref,
      kind: row.kind,
      title: row.title,
      assessable,
      depth: row.depth,
      attributes,
      applicable,
      scopingReason: applicable ? null : row.reason,
      controls: controls.map((control) => this.refOf(control)),
      result: outcome?.result ?? null,
      reasons: outcome?.reasons ?? [],
      specification,
      decision,
      responsibility: requirementResponsibility(controls),
      checks: requirementChecks,
      subtree
    }
  }

  private refOf(control: AssessedControl): ControlRef {
    let ref = this.refs.get(control.id)
    if (!ref) {
      ref = controlRef(control)
      this.refs.set(control.id, ref)
    }
    return ref
  }

  /** A framework's results counted: coverage is in place out of applicable. */
  results(framework: FrameworkId): ResultCounts {
    const counts = emptyCounts()
    for (const node of this.tree(framework)) if (node.result) counts[node.result]++
    return counts
  }

  summary(framework: FrameworkId): FrameworkSummary {
    const row = this.frameworkRows.get(framework)
    if (!row) throw notFound(`There is no framework "${framework}" in this register.`)
    const nodes = this.tree(framework)
    const results = this.results(framework)
    return {
      id: row.id,
      name: row.name,
      shortName: row.short_name || row.id.toUpperCase(),
      version: row.version,
      publisher: row.publisher,
      notice: row.notice,
      origin: row.origin,
      requirements: nodes.filter((node) => node.assessable).length,
      notApplicable: results['not-applicable'],
      mapped: nodes.filter(
        (node) => node.result !== null && node.result !== 'not-applicable' && node.controls.length > 0
      ).length,
      results,
      coverage: coverageOf(results),
      assessment: this.context
    }
  }

  /** The controls mapped to the assessed frameworks and not taken out, plus those a pack added. */
  assessedControlIds(): string[] {
    return this.derived('assessed-control-ids', () => this.listAssessedControlIds())
  }

  private listAssessedControlIds(): string[] {
    const ids = new Set<string>()
    for (const framework of this.options.frameworks) {
      for (const node of this.tree(framework)) for (const control of node.controls) ids.add(control.id)
    }
    for (const choice of this.options.choices ?? []) {
      if (choice.included && this.controls.has(choice.controlId)) ids.add(choice.controlId)
    }
    return [...ids].sort()
  }
}

function assessedControl(
  row: ControlRow,
  inForce: EvidenceInForce | undefined,
  evidenceState: ControlEvidenceState
): AssessedControl {
  return {
    id: row.id,
    title: row.title,
    owner: row.owner,
    status: row.status,
    responsibility: row.responsibility,
    notApplicableReason: row.not_applicable_reason,
    evidenceInForce: inForce?.count ?? 0,
    reports: inForce?.reports ?? [],
    evidenceState
  }
}

function controlRef(control: AssessedControl): ControlRef {
  return {
    id: control.id,
    title: control.title,
    status: control.status,
    responsibility: control.responsibility,
    evidence: control.evidenceState
  }
}
