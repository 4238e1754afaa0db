import type { FrameworkSummary, RequirementNode } from '../../../shared/types'
import { controlIdsOf } from './oscal-ids'
import { OSCAL_VERSION } from './oscal-json'

/** Names of the catalog and profile files written beside an export, one pair per framework. */
export const catalogFileName = (framework: string): string => `evidence-desk-${framework}-catalog.json`
export const profileFileName = (framework: string): string => `evidence-desk-${framework}-profile.json`

interface OscalNode {
  id: string
  title: string
  props: { name: string; value: string }[]
  groups?: OscalNode[]
  controls?: OscalNode[]
}

/**
 * A framework as a small OSCAL catalog: its requirement tree with the register's own short titles
 * and references as labels (no text of the standard is copied). Grouping nodes (PCI DSS principal
 * requirements, HIPAA safeguards, GDPR chapters) become groups; assessed requirements become
 * controls, and assessed requirements under them become their enhancements.
 */
export function frameworkCatalog(
  framework: FrameworkSummary,
  nodes: RequirementNode[],
  uuid: (kind: string, id: string) => string,
  lastModified: string
): unknown {
  const children = new Map<string | null, RequirementNode[]>()
  const known = new Set(nodes.map((node) => node.ref))
  for (const node of nodes) {
    const parent = node.parentRef !== null && known.has(node.parentRef) ? node.parentRef : null
    children.set(parent, [...(children.get(parent) ?? []), node])
  }
  const ids = controlIdsOf(
    framework.id,
    nodes.map((node) => node.ref)
  )
  const build = (node: RequirementNode, insideControl: boolean): { node: OscalNode; isControl: boolean } => {
    const isControl = insideControl || node.assessable
    const built: OscalNode = {
      id: ids.get(node.ref)!,
      title: node.title,
      props: [{ name: 'label', value: node.ref }]
    }
    const groups: OscalNode[] = []
    const controls: OscalNode[] = []
    for (const child of children.get(node.ref) ?? []) {
      const made = build(child, isControl)
      ;(made.isControl ? controls : groups).push(made.node)
    }
    if (groups.length > 0) built.groups = groups
    if (controls.length > 0) built.controls = controls
    return { node: built, isControl }
  }
  const groups: OscalNode[] = []
  const controls: OscalNode[] = []
  for (const root of children.get(null) ?? []) {
    const made = build(root, false)
    ;(made.isControl ? controls : groups).push(made.node)
  }
  return {
    catalog: {
      uuid: uuid('catalog', framework.id),
      metadata: {
        title: `${framework.name} ${framework.version}: requirements as the register names them`,
        'last-modified': lastModified,
        version: framework.version,
        'oscal-version': OSCAL_VERSION,
        remarks:
          `The references of ${framework.shortName} with short titles written for Evidence Desk; ` +
          `the text of the requirements is the publisher's (${framework.publisher}).` +
          (framework.notice ? `\n\n${framework.notice}` : '')
      },
      ...(groups.length > 0 ? { groups } : {}),
      ...(controls.length > 0 ? { controls } : {})
    }
  }
}

/** A profile that selects every requirement of the framework's catalog: what a system security plan imports. */
export function frameworkProfile(
  framework: FrameworkSummary,
  uuid: (kind: string, id: string) => string,
  lastModified: string
): unknown {
  return {
    profile: {
      uuid: uuid('profile', framework.id),
      metadata: {
        title: `${framework.name} ${framework.version}: every requirement`,
        'last-modified': lastModified,
        version: framework.version,
        'oscal-version': OSCAL_VERSION
      },
      imports: [{ href: catalogFileName(framework.id), 'include-all': {} }],
      merge: { 'as-is': true }
    }
  }
}
