import { RESPONSIBILITY_LABELS, type ControlStatus, type Responsibility } from '../../../shared/domain'
import type { Person } from '../../../shared/types'
import { catalogFileName } from './framework-catalog'
import { partyDirectory } from './oscal-parties'
import { EVIDENCE_DESK_NS, FEDRAMP_NS, OSCAL_VERSION } from './oscal-json'

type Uuid = (kind: string, id: string) => string

export interface LibraryControl {
  id: string
  title: string
  statement: string
  domain: string
  owner: string
  status: ControlStatus
  responsibility: Responsibility
  rationale: string
  awsServices: string[]
  /** The requirements it meets, by framework, each with its control id in that framework's catalog. */
  mappings: { framework: string; frameworkName: string; requirements: { ref: string; controlId: string }[] }[]
}

export interface ComponentDefinitionInput {
  organisation: string
  registerName: string
  people: Person[]
  controls: LibraryControl[]
  uuid: Uuid
  lastModified: string
  /** Changes whenever a control changes: the newest change to a control of the library. */
  version: string
}

const ORIGINATION: Record<Responsibility, string[]> = {
  aws: ['inherited'],
  shared: ['customer-configured', 'inherited'],
  customer: ['customer-configured']
}

/**
 * The register's control library as an OSCAL component definition: each control a reusable
 * component with its statement, who secures it, the AWS services it relies on, and the
 * requirements it meets in each framework's catalog (written beside it).
 */
export function componentDefinition(input: ComponentDefinitionInput): unknown {
  const { uuid } = input
  const directory = partyDirectory(input.organisation, input.people, uuid, {
    controlOwners: input.controls.map((control) => control.owner).filter(Boolean)
  })
  return {
    'component-definition': {
      uuid: uuid('component-definition', 'library'),
      metadata: {
        title: `${input.registerName}: control library`,
        'last-modified': input.lastModified,
        version: input.version,
        'oscal-version': OSCAL_VERSION,
        roles: directory.roles,
        parties: directory.parties,
        'responsible-parties': directory.responsibleParties
      },
      components: input.controls.map((control) => {
        const owner = control.owner ? directory.personUuid(control.owner) : undefined
        const origination =
          control.responsibility === 'customer' && control.awsServices.length === 0
            ? ['customer-provided']
            : ORIGINATION[control.responsibility]
        return {
          uuid: uuid('control', control.id),
          type: control.responsibility === 'aws' ? 'service' : 'process-procedure',
          title: `${control.id} ${control.title}`,
          description: control.statement,
          purpose: `${RESPONSIBILITY_LABELS[control.responsibility]}: ${control.rationale}`,
          props: [
            { name: 'control', ns: EVIDENCE_DESK_NS, value: control.id },
            { name: 'domain', ns: EVIDENCE_DESK_NS, value: control.domain },
            { name: 'responsibility', ns: EVIDENCE_DESK_NS, value: control.responsibility },
            { name: 'status', ns: EVIDENCE_DESK_NS, value: control.status },
            ...origination.map((value) => ({ name: 'control-origination', ns: FEDRAMP_NS, value })),
            ...control.awsServices.map((service) => ({ name: 'aws-service', ns: EVIDENCE_DESK_NS, value: service }))
          ],
          ...(owner ? { 'responsible-roles': [{ 'role-id': 'control-owner', 'party-uuids': [owner] }] } : {}),
          ...(control.mappings.length > 0
            ? {
                'control-implementations': control.mappings.map((mapping) => ({
                  uuid: uuid('control-implementation', `${control.id}:${mapping.framework}`),
                  source: catalogFileName(mapping.framework),
                  description: `${control.id} meets these requirements of ${mapping.frameworkName}.`,
                  'implemented-requirements': mapping.requirements.map((requirement) => ({
                    uuid: uuid('control-requirement', `${control.id}:${mapping.framework}:${requirement.ref}`),
                    'control-id': requirement.controlId,
                    description: control.statement,
                    props: [{ name: 'label', ns: EVIDENCE_DESK_NS, value: requirement.ref }]
                  }))
                }))
              }
            : {})
        }
      })
    }
  }
}
