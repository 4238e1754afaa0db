import { RESULT_LABELS } from '../../../shared/compliance/results'
import { CONTROL_STATUS_LABELS, RESPONSIBILITY_LABELS, type ControlStatus } from '../../../shared/domain'
import type { Organisation, Person } from '../../../shared/types'
import type { PackContent, PackControl, PackRequirement } from '../packs/pack-content'
import { evidenceLink, evidenceResource } from './evidence-resources'
import { AWS_NAME, partyDirectory, type PartyDirectory } from './oscal-parties'
import { EVIDENCE_DESK_NS, FEDRAMP_NS, OSCAL_VERSION } from './oscal-json'

type Uuid = (kind: string, id: string) => string

/** OSCAL's implementation states for the register's control statuses. */
export const IMPLEMENTATION_STATES: Record<ControlStatus, string> = {
  implemented: 'implemented',
  'in-progress': 'partial',
  planned: 'planned',
  'not-started': 'planned',
  'not-applicable': 'not-applicable'
}

export interface SspInput {
  /** The assessment of one framework for the period and scope, gathered as a pack gathers it. */
  content: PackContent
  organisation: Organisation
  people: Person[]
  uuid: Uuid
  lastModified: string
  /** Each requirement's control id in the framework's catalog. */
  controlIds: Map<string, string>
  /** The profile the plan imports (a file written beside it). */
  profileHref: string
}

/**
 * The register as an OSCAL system security plan for one framework: who is involved, the system
 * and its AWS accounts, AWS as the leveraged authorization, and for every applicable requirement
 * its controls by component, with what is inherited from AWS (citing AWS's reports) and what the
 * organisation does for shared controls. Results and reasons are the one result rule's.
 */
export function systemSecurityPlan(input: SspInput): unknown {
  const { content, uuid } = input
  const framework = content.frameworks[0]!
  const pack = content.pack
  const owners = [...new Set(Object.values(content.controls).map((control) => control.owner))].filter(Boolean)
  const directory = partyDirectory(pack.organisation, input.people, uuid, {
    controlOwners: owners,
    preparer: pack.preparer
  })
  const thisSystem = uuid('component', 'this-system')
  const awsComponent = uuid('component', 'aws')
  const leveraged = uuid('leveraged-authorization', 'aws')
  const reports = content.evidence.filter((item) => item.kind === 'artifact-report')
  const reportsOf = (control: PackControl): string[] =>
    control.evidence.filter((id) => reports.some((report) => report.id === id))
  const latestReport = reports
    .map((report) => report.effectiveDate ?? report.periodEnd)
    .filter((day): day is string => day !== null)
    .sort()
    .at(-1)
  const inScope = pack.accounts.filter((account) => account.inScope)
  const period = `${pack.periodStart} to ${pack.periodEnd}`

  const requirements = framework.requirements.filter(
    (requirement) => requirement.assessable && requirement.result !== null && requirement.result !== 'not-applicable'
  )
  const people = [...new Set(input.people.filter((person) => !person.retired).map(directory.roleOf))]

  return {
    'system-security-plan': {
      uuid: uuid('system-security-plan', framework.id),
      metadata: {
        title: `${pack.organisation}: ${framework.name} system security plan`,
        'last-modified': input.lastModified,
        version: `${framework.shortName} ${period}`,
        'oscal-version': OSCAL_VERSION,
        roles: directory.roles,
        parties: directory.parties,
        'responsible-parties': directory.responsibleParties,
        remarks:
          `Results for the audit period ${period}, judged on ${pack.judgedOn}, for ${pack.scopeLabel}. ` +
          `Written by ${pack.generator} from the register.`
      },
      'import-profile': { href: input.profileHref },
      'system-characteristics': {
        'system-ids': [{ 'identifier-type': 'https://ietf.org/rfc/rfc4122', id: uuid('system', 'this-system') }],
        'system-name': pack.organisation,
        'system-name-short': input.organisation.registerName,
        description: [
          pack.organisationDescription.trim() || `The systems ${pack.organisation} runs on AWS.`,
          `In scope: ${pack.scopeLabel}.`,
          pack.scopeStatement.trim()
        ]
          .filter(Boolean)
          .join('\n\n'),
        props: [
          { name: 'audit-period-start', ns: EVIDENCE_DESK_NS, value: pack.periodStart },
          { name: 'audit-period-end', ns: EVIDENCE_DESK_NS, value: pack.periodEnd },
          { name: 'judged-on', ns: EVIDENCE_DESK_NS, value: pack.judgedOn },
          { name: 'cloud-deployment-model', value: 'public-cloud' }
        ],
        'system-information': {
          'information-types': [
            {
              uuid: uuid('information-type', framework.id),
              title: `Information ${framework.shortName} protects`,
              description: `The information in the AWS accounts in scope that ${framework.name} applies to.`
            }
          ]
        },
        status: { state: 'operational' },
        'authorization-boundary': {
          description:
            inScope.length === 0
              ? 'No AWS account is recorded in the register.'
              : `The AWS accounts in scope: ${inScope.map((account) => `${account.name} (${account.accountId})`).join(', ')}.`
        }
      },
      'system-implementation': {
        'leveraged-authorizations': [
          {
            uuid: leveraged,
            title: 'Amazon Web Services',
            'party-uuid': directory.awsUuid,
            'date-authorized': latestReport ?? pack.periodStart,
            ...(reports.length > 0 ? { links: reports.map((report) => evidenceLink(report.id, uuid)) } : {}),
            remarks:
              reports.length > 0
                ? 'Dated by the issue of the latest AWS report in the register for the audit period.'
                : 'No AWS report in the register covers the audit period; the date is the start of the period.'
          }
        ],
        users: (people.length > 0 ? people : ['member']).map((role) => ({
          uuid: uuid('user', role),
          title: directory.roles.find((candidate) => candidate.id === role)?.title ?? 'Member of the organisation',
          props: [{ name: 'type', value: 'internal' }],
          'role-ids': [role]
        })),
        components: [
          {
            uuid: thisSystem,
            type: 'this-system',
            title: pack.organisation,
            description: `What ${pack.organisation} runs and secures in its AWS accounts.`,
            status: { state: 'operational' },
            'responsible-roles': [{ 'role-id': 'system-owner', 'party-uuids': [directory.organisationUuid] }]
          },
          {
            uuid: awsComponent,
            type: 'system',
            title: 'Amazon Web Services',
            description:
              `${AWS_NAME} secures the cloud itself (data centres, hardware, network, virtualisation) under the ` +
              'AWS Shared Responsibility Model; its reports in AWS Artifact attest it.',
            props: [
              { name: 'implementation-point', value: 'external' },
              { name: 'leveraged-authorization-uuid', value: leveraged }
            ],
            status: { state: 'operational' },
            'responsible-roles': [{ 'role-id': 'cloud-service-provider', 'party-uuids': [directory.awsUuid] }]
          }
        ],
        ...(inScope.length > 0
          ? {
              'inventory-items': inScope.map((account) => ({
                uuid: uuid('aws-account', account.accountId),
                description: `AWS account ${account.name}${account.purpose ? `: ${account.purpose}` : ''}`,
                props: [
                  { name: 'asset-id', value: account.accountId },
                  { name: 'asset-type', ns: EVIDENCE_DESK_NS, value: 'aws-account' },
                  ...(account.organizationalUnit
                    ? [{ name: 'organizational-unit', ns: EVIDENCE_DESK_NS, value: account.organizationalUnit }]
                    : []),
                  ...(account.environment
                    ? [{ name: 'environment', ns: EVIDENCE_DESK_NS, value: account.environment }]
                    : [])
                ],
                'implemented-components': [{ 'component-uuid': thisSystem }]
              }))
            }
          : {})
      },
      'control-implementation': {
        description:
          `How ${pack.organisation} meets each applicable requirement of ${framework.name} ${framework.version}: ` +
          'the controls of the register by component, what AWS secures and what the organisation does.',
        'implemented-requirements': requirements.map((requirement) =>
          implementedRequirement(requirement, input, directory, { thisSystem, awsComponent, reportsOf })
        )
      },
      ...(content.evidence.length > 0
        ? { 'back-matter': { resources: content.evidence.map((item) => evidenceResource(item, uuid)) } }
        : {})
    }
  }
}

interface Components {
  thisSystem: string
  awsComponent: string
  reportsOf: (control: PackControl) => string[]
}

/** The control-origination values of a requirement: from who secures it, as FedRAMP defines them. */
export function originationOf(requirement: PackRequirement, controls: PackControl[]): string[] {
  switch (requirement.responsibility) {
    case 'aws':
      return ['inherited']
    case 'shared':
      return ['customer-configured', 'inherited']
    case 'customer':
      return controls.some((control) => control.status !== 'not-applicable' && control.awsServices.length > 0)
        ? ['customer-configured']
        : ['customer-provided']
    default:
      return []
  }
}

function implementedRequirement(
  requirement: PackRequirement,
  input: SspInput,
  directory: PartyDirectory,
  components: Components
): unknown {
  const { uuid, content } = input
  const framework = content.frameworks[0]!.id
  const controls = requirement.controls.map((id) => content.controls[id]!).filter(Boolean)
  const key = `${framework}:${requirement.ref}`
  const byComponents = controls.flatMap((control) => byComponent(control, key, input, directory, components))
  return {
    uuid: uuid('implemented-requirement', key),
    'control-id': input.controlIds.get(requirement.ref)!,
    props: [
      ...originationOf(requirement, controls).map((value) => ({
        name: 'control-origination',
        ns: FEDRAMP_NS,
        value
      })),
      { name: 'result', ns: EVIDENCE_DESK_NS, value: requirement.result! },
      ...(requirement.responsibility
        ? [{ name: 'responsibility', ns: EVIDENCE_DESK_NS, value: requirement.responsibility }]
        : [])
    ],
    ...(byComponents.length > 0 ? { 'by-components': byComponents } : {}),
    remarks: `${RESULT_LABELS[requirement.result!]}. ${requirement.reasons.join(' ')}`.trim()
  }
}

function byComponent(
  control: PackControl,
  key: string,
  input: SspInput,
  directory: PartyDirectory,
  components: Components
): unknown[] {
  const { uuid } = input
  const description = `${control.id} ${control.title}: ${control.statement}`
  const status = {
    state: IMPLEMENTATION_STATES[control.status],
    ...(control.status === 'not-applicable' && control.notApplicableReason.trim()
      ? { remarks: control.notApplicableReason.trim() }
      : control.status !== 'implemented'
        ? { remarks: `${CONTROL_STATUS_LABELS[control.status]}.` }
        : {})
  }
  const owner = control.owner ? directory.personUuid(control.owner) : undefined
  const ownerRoles = owner ? [{ 'role-id': 'control-owner', 'party-uuids': [owner] }] : undefined
  const evidence = control.evidence.map((id) => evidenceLink(id, uuid))
  const props = [
    { name: 'control', ns: EVIDENCE_DESK_NS, value: control.id },
    { name: 'responsibility', ns: EVIDENCE_DESK_NS, value: control.responsibility }
  ]
  const ownPart = {
    'component-uuid': components.thisSystem,
    uuid: uuid('by-component', `${key}:${control.id}:this-system`),
    description,
    props,
    'implementation-status': status,
    ...(evidence.length > 0 ? { links: evidence } : {}),
    ...(ownerRoles ? { 'responsible-roles': ownerRoles } : {})
  }
  if (control.responsibility === 'customer') return [ownPart]

  const reports = components.reportsOf(control)
  const inherited = {
    uuid: uuid('inherited', `${key}:${control.id}`),
    // The rationale says what AWS secures and what is left to the organisation, in the register's words.
    description:
      (control.rationale.trim() ||
        `${RESPONSIBILITY_LABELS[control.responsibility]} under the AWS Shared Responsibility Model.`) +
      (control.responsibility === 'aws' && reports.length === 0
        ? ' No AWS report in the register covers the audit period.'
        : ''),
    ...(reports.length > 0 ? { links: reports.map((id) => evidenceLink(id, uuid)) } : {})
  }
  const awsPart = {
    'component-uuid': components.awsComponent,
    uuid: uuid('by-component', `${key}:${control.id}:aws`),
    description,
    props,
    'implementation-status': status,
    inherited: [inherited],
    ...(control.responsibility === 'shared'
      ? {
          satisfied: [
            {
              uuid: uuid('satisfied', `${key}:${control.id}`),
              description: control.statement,
              ...(evidence.length > 0 ? { links: evidence } : {}),
              ...(ownerRoles ? { 'responsible-roles': ownerRoles } : {})
            }
          ]
        }
      : { ...(evidence.length > 0 ? { links: evidence } : {}) })
  }
  return control.responsibility === 'shared' ? [awsPart, ownPart] : [awsPart]
}
