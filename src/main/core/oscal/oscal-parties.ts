import type { Person } from '../../../shared/types'
import { tokenOf } from './oscal-ids'

type Uuid = (kind: string, id: string) => string

export const AWS_NAME = 'Amazon Web Services, Inc.'

/** Roles every document of the register names, before the roles its people hold. */
const FIXED_ROLES: Record<string, string> = {
  'system-owner': 'System owner',
  'cloud-service-provider': 'Cloud service provider',
  'control-owner': 'Control owner',
  'prepared-by': 'Prepared by'
}

export interface PartyDirectory {
  roles: { id: string; title: string; description?: string }[]
  parties: unknown[]
  responsibleParties: { 'role-id': string; 'party-uuids': string[] }[]
  organisationUuid: string
  awsUuid: string
  /** The party of a person named (a control's owner, the preparer), when the register has them. */
  personUuid(name: string): string | undefined
  /** The role id of a person's role text. */
  roleOf(person: Person): string
}

/**
 * The metadata's parties and roles: the organisation (system owner), AWS (cloud service provider),
 * and each person of the register with the role they hold, members of the organisation.
 */
export function partyDirectory(
  organisation: string,
  people: Person[],
  uuid: Uuid,
  extra: { controlOwners?: string[]; preparer?: string } = {}
): PartyDirectory {
  const organisationUuid = uuid('party', 'organisation')
  const awsUuid = uuid('party', 'aws')
  const active = people.filter((person) => !person.retired).sort((a, b) => a.id - b.id)
  const roles = new Map(Object.entries(FIXED_ROLES).map(([id, title]) => [id, { id, title }]))
  // "Compliance lead: owns the audit register" holds the role "Compliance lead".
  const roleOf = (person: Person): string => {
    const title = person.role.split(':')[0]!.trim() || 'Member of the organisation'
    const id = tokenOf(title, 'member')
    if (!roles.has(id)) {
      const description = person.role.trim()
      roles.set(id, { id, title, ...(description !== title && description ? { description } : {}) })
    }
    return id
  }
  const byName = new Map(active.map((person) => [person.name.toLowerCase(), person]))
  const personUuid = (name: string): string | undefined => {
    const person = byName.get(name.trim().toLowerCase())
    return person ? uuid('person', String(person.id)) : undefined
  }
  const parties: unknown[] = [
    { uuid: organisationUuid, type: 'organization', name: organisation },
    {
      uuid: awsUuid,
      type: 'organization',
      name: AWS_NAME,
      'short-name': 'AWS',
      links: [{ href: 'https://aws.amazon.com/compliance/shared-responsibility-model/', rel: 'reference' }]
    },
    ...active.map((person) => ({
      uuid: uuid('person', String(person.id)),
      type: 'person',
      name: person.name,
      ...(/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(person.email) ? { 'email-addresses': [person.email] } : {}),
      'member-of-organizations': [organisationUuid]
    }))
  ]
  const holders = new Map<string, string[]>()
  const hold = (role: string, party: string | undefined): void => {
    if (!party) return
    const listed = holders.get(role) ?? []
    if (!listed.includes(party)) listed.push(party)
    holders.set(role, listed)
  }
  hold('system-owner', organisationUuid)
  hold('cloud-service-provider', awsUuid)
  for (const person of active) hold(roleOf(person), uuid('person', String(person.id)))
  for (const owner of extra.controlOwners ?? []) hold('control-owner', personUuid(owner))
  if (extra.preparer) hold('prepared-by', personUuid(extra.preparer))
  return {
    roles: [...roles.values()],
    parties,
    responsibleParties: [...holders]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([role, partyUuids]) => ({ 'role-id': role, 'party-uuids': partyUuids })),
    organisationUuid,
    awsUuid,
    personUuid,
    roleOf
  }
}
