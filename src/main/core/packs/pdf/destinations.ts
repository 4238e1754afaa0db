/** Link targets inside the PDF, one naming scheme for every section. */
export const destinations = {
  scope: 'scope',
  summary: 'summary',
  method: 'method',
  openItems: 'open-items',
  matrix: 'matrix',
  controls: 'controls',
  framework: (framework: string) => `framework-${framework}`,
  requirement: (framework: string, ref: string) => `req-${framework}-${ref}`,
  control: (id: string) => `control-${id}`,
  evidenceIndex: 'evidence-index',
  evidence: (id: string) => `evidence-${id}`,
  excluded: 'excluded',
  audit: 'audit-log',
  verification: 'verification'
}

/** What a destination is, in words: a link's description for assistive technology ("control IAM-01"). */
export function destinationLabel(name: string): string {
  const sections: Record<string, string> = {
    [destinations.scope]: 'Scope and context',
    [destinations.summary]: 'Results summary',
    [destinations.method]: 'How results are decided',
    [destinations.openItems]: 'Open items',
    [destinations.matrix]: 'Shared-responsibility matrix',
    [destinations.controls]: 'Controls',
    [destinations.evidenceIndex]: 'Evidence index',
    [destinations.excluded]: 'Controls taken out or added',
    [destinations.audit]: 'Appendix: audit log',
    [destinations.verification]: 'How to verify this pack'
  }
  if (sections[name]) return sections[name]
  if (name.startsWith('control-')) return `control ${name.slice('control-'.length)}`
  if (name.startsWith('evidence-')) return `evidence ${name.slice('evidence-'.length)}`
  const requirement = /^req-([^-]+)-(.+)$/.exec(name)
  if (requirement) return `requirement ${requirement[2]} (${requirement[1]!.toUpperCase()})`
  return name
}
