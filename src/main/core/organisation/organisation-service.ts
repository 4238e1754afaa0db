import type Database from 'better-sqlite3'
import type { FrameworkId } from '../../../shared/domain'
import type { AccountInput, OrganisationPatch, PersonInput } from '../../../shared/schemas'
import type { AccountsImportResult, AwsAccount, Organisation, OrganizationalUnit, Person } from '../../../shared/types'
import type { AuditLog } from '../audit/audit-log'
import { writeTransaction } from '../db/write-transaction'
import { AppError, conflict, notFound } from '../errors'
import { changedValues } from '../util/changed-values'
import { readOrganizationsListing } from './aws-organizations-listing'

const META = {
  name: 'organisation.name',
  description: 'organisation.description',
  frameworks: 'organisation.frameworks',
  registerName: 'register.name',
  you: 'register.you',
  setUpDone: 'register.setUpDone',
  sample: 'sample.loaded'
} as const

interface AccountRow {
  accountId: string
  name: string
  organizationalUnit: string
  purpose: string
  environment: string
  retired_at: string | null
}

interface PersonRow {
  id: number
  name: string
  role: string
  email: string
  retired_at: string | null
}

/**
 * Who the organisation is: its name and frameworks, the people who own controls and prepare
 * packs (one of them "you", the author of every change), its AWS accounts and organizational
 * units. Every change is audited; an account that evidence or a pack names is retired, never deleted.
 */
export class OrganisationService {
  constructor(
    private readonly db: Database.Database,
    private readonly audit: AuditLog,
    private readonly now: () => Date
  ) {}

  // ---- the organisation ----

  get(): Organisation {
    const frameworks = this.meta(META.frameworks)
    return {
      name: this.meta(META.name) ?? null,
      description: this.meta(META.description) ?? '',
      frameworks: frameworks ? (JSON.parse(frameworks) as FrameworkId[]) : [],
      registerName: this.meta(META.registerName) ?? 'My register',
      you: this.meta(META.you) ?? null,
      setUpDone: this.meta(META.setUpDone) === 'true',
      sample: this.meta(META.sample) !== undefined
    }
  }

  update(patch: OrganisationPatch): Organisation {
    writeTransaction(this.db, () => {
      const current = this.get()
      const { before, after, changed } = changedValues(current, patch as Partial<Organisation>)
      if (!changed) return
      if (typeof after.you === 'string') {
        const person = this.personByName(after.you)
        if (!person) throw notFound(`${after.you} is not one of the organisation's people. Add them first.`)
        after.you = person.name
      }
      if (Array.isArray(after.frameworks)) {
        const known = new Set(this.db.prepare(`SELECT id FROM frameworks`).pluck().all() as string[])
        const unknown = (after.frameworks as string[]).filter((id) => !known.has(id))
        if (unknown.length) throw notFound(`There is no framework ${unknown.join(', ')} in this register.`)
      }
      for (const [key, value] of Object.entries(after)) {
        const metaKey = META[key as keyof typeof META]
        if (value === null) this.db.prepare(`DELETE FROM meta WHERE key = ?`).run(metaKey)
        else this.setMeta(metaKey, typeof value === 'string' ? value : JSON.stringify(value))
      }
      this.audit.append({
        action: 'organisation.update',
        entityType: 'organisation',
        entityId: 'organisation',
        summary: `Updated the organisation: ${Object.keys(after).join(', ')}`,
        before,
        after
      })
    })
    return this.get()
  }

  // ---- people ----

  people(includeRetired = true): Person[] {
    const rows = this.db
      .prepare(
        `SELECT id, name, role, email, retired_at FROM people ${includeRetired ? '' : 'WHERE retired_at IS NULL'}
         ORDER BY name COLLATE NOCASE`
      )
      .all() as PersonRow[]
    return rows.map(toPerson)
  }

  addPerson(input: PersonInput): Person {
    return writeTransaction(this.db, () => {
      if (this.personByName(input.name)) throw conflict(`${input.name} is already one of the people.`)
      const id = Number(
        this.db
          .prepare(`INSERT INTO people (name, role, email, created_at) VALUES (?, ?, ?, ?)`)
          .run(input.name, input.role ?? '', input.email ?? '', this.now().toISOString()).lastInsertRowid
      )
      const person = this.person(id)
      this.audit.append({
        action: 'person.create',
        entityType: 'person',
        entityId: String(id),
        summary: `Added ${person.name}${person.role ? ` (${person.role})` : ''} to the organisation's people`,
        after: { name: person.name, role: person.role, email: person.email }
      })
      return person
    })
  }

  updatePerson(id: number, patch: Partial<{ name: string; role: string; email: string; retired: boolean }>): Person {
    return writeTransaction(this.db, () => {
      const current = this.person(id)
      const { before, after, changed } = changedValues(current, patch)
      if (!changed) return current
      if (typeof after.name === 'string') {
        const other = this.personByName(after.name)
        if (other && other.id !== id) throw conflict(`${after.name} is already one of the people.`)
      }
      const next = { ...current, ...after } as Person
      this.db
        .prepare(`UPDATE people SET name = ?, role = ?, email = ?, retired_at = ? WHERE id = ?`)
        .run(next.name, next.role, next.email, next.retired ? this.now().toISOString() : null, id)
      // The person's name is what the register records (owners, "you"): a new name follows everywhere it stands.
      if (typeof after.name === 'string') {
        this.db.prepare(`UPDATE controls SET owner = ? WHERE owner = ?`).run(after.name, current.name)
        if (this.meta(META.you) === current.name) this.setMeta(META.you, after.name)
      }
      this.audit.append({
        action: 'person.update',
        entityType: 'person',
        entityId: String(id),
        summary: `Updated ${current.name}: ${Object.keys(after).join(', ')}`,
        before,
        after
      })
      return this.person(id)
    })
  }

  person(id: number): Person {
    const row = this.db.prepare(`SELECT id, name, role, email, retired_at FROM people WHERE id = ?`).get(id) as
      PersonRow | undefined
    if (!row) throw notFound(`There is no person ${id}. List the people to find their id.`)
    return toPerson(row)
  }

  personByName(name: string): Person | undefined {
    const row = this.db
      .prepare(`SELECT id, name, role, email, retired_at FROM people WHERE name = ? COLLATE NOCASE`)
      .get(name.trim()) as PersonRow | undefined
    return row ? toPerson(row) : undefined
  }

  // ---- AWS accounts and organizational units ----

  accounts(includeRetired = true): AwsAccount[] {
    const rows = this.db
      .prepare(
        `SELECT account_id AS accountId, name, organizational_unit AS organizationalUnit, purpose, environment, retired_at
         FROM aws_accounts ${includeRetired ? '' : 'WHERE retired_at IS NULL'} ORDER BY name`
      )
      .all() as AccountRow[]
    return rows.map(toAccount)
  }

  account(accountId: string): AwsAccount {
    const row = this.db
      .prepare(
        `SELECT account_id AS accountId, name, organizational_unit AS organizationalUnit, purpose, environment, retired_at
         FROM aws_accounts WHERE account_id = ?`
      )
      .get(accountId) as AccountRow | undefined
    if (!row) throw notFound(`There is no AWS account ${accountId} in this register. List the accounts to see them.`)
    return toAccount(row)
  }

  addAccount(input: AccountInput): AwsAccount {
    return writeTransaction(this.db, () => {
      if (this.db.prepare(`SELECT 1 FROM aws_accounts WHERE account_id = ?`).get(input.accountId)) {
        throw conflict(`The AWS account ${input.accountId} is already recorded.`)
      }
      this.assertNameFree(input.name, input.accountId)
      const account = {
        accountId: input.accountId,
        name: input.name,
        organizationalUnit: input.organizationalUnit ?? '',
        purpose: input.purpose ?? '',
        environment: input.environment ?? ''
      }
      this.db
        .prepare(
          `INSERT INTO aws_accounts (account_id, name, organizational_unit, purpose, environment)
           VALUES (@accountId, @name, @organizationalUnit, @purpose, @environment)`
        )
        .run(account)
      this.ensureUnit(account.organizationalUnit)
      this.audit.append({
        action: 'account.create',
        entityType: 'aws-account',
        entityId: account.accountId,
        summary: `Added AWS account ${account.name} (${account.accountId})`,
        after: account
      })
      return this.account(account.accountId)
    })
  }

  updateAccount(
    accountId: string,
    patch: Partial<{ name: string; environment: string; purpose: string; organizationalUnit: string; retired: boolean }>
  ): AwsAccount {
    return writeTransaction(this.db, () => {
      const current = this.account(accountId)
      const { before, after, changed } = changedValues(current, patch)
      if (!changed) return current
      if (typeof after.name === 'string') this.assertNameFree(after.name, accountId)
      const next = { ...current, ...after } as AwsAccount
      this.db
        .prepare(
          `UPDATE aws_accounts SET name = ?, organizational_unit = ?, purpose = ?, environment = ?, retired_at = ?
           WHERE account_id = ?`
        )
        .run(
          next.name,
          next.organizationalUnit,
          next.purpose,
          next.environment,
          next.retired ? this.now().toISOString() : null,
          accountId
        )
      this.ensureUnit(next.organizationalUnit)
      const retiring = after.retired === true
      this.audit.append({
        action: retiring ? 'account.retire' : 'account.update',
        entityType: 'aws-account',
        entityId: accountId,
        summary: retiring
          ? `Retired AWS account ${current.name} (${accountId}); its evidence and packs keep naming it`
          : `Updated AWS account ${current.name} (${accountId}): ${Object.keys(after).join(', ')}`,
        before,
        after
      })
      return this.account(accountId)
    })
  }

  /** Deletes an account no evidence or pack names; any other is retired instead. */
  removeAccount(accountId: string): void {
    writeTransaction(this.db, () => {
      const current = this.account(accountId)
      const evidence = this.db
        .prepare(`SELECT count(*) FROM evidence_accounts WHERE account_id = ?`)
        .pluck()
        .get(accountId) as number
      const packs = (this.db.prepare(`SELECT scope FROM packs`).pluck().all() as string[]).filter((scope) =>
        (JSON.parse(scope) as { accounts: string[] }).accounts.includes(accountId)
      ).length
      if (evidence > 0 || packs > 0) {
        throw new AppError(
          'CONFLICT',
          `${current.name} (${accountId}) is named by ${evidence} evidence item(s) and ${packs} pack(s): retire it instead, so they keep their account.`
        )
      }
      this.db.prepare(`DELETE FROM aws_accounts WHERE account_id = ?`).run(accountId)
      this.audit.append({
        action: 'account.delete',
        entityType: 'aws-account',
        entityId: accountId,
        summary: `Deleted AWS account ${current.name} (${accountId}), which no evidence or pack named`,
        before: current
      })
    })
  }

  organizationalUnits(): OrganizationalUnit[] {
    return (
      this.db
        .prepare(
          `SELECT u.name, u.aws_id AS awsId, u.purpose,
             (SELECT count(*) FROM aws_accounts a WHERE a.organizational_unit = u.name COLLATE NOCASE AND a.retired_at IS NULL) AS accounts
           FROM organizational_units u ORDER BY u.name COLLATE NOCASE`
        )
        .all() as OrganizationalUnit[]
    ).map((unit) => ({ ...unit, accounts: Number(unit.accounts) }))
  }

  setUnitPurpose(name: string, purpose: string): OrganizationalUnit {
    writeTransaction(this.db, () => {
      this.ensureUnit(name)
      const before = this.db.prepare(`SELECT purpose FROM organizational_units WHERE name = ?`).pluck().get(name)
      if (before === purpose) return
      this.db.prepare(`UPDATE organizational_units SET purpose = ? WHERE name = ?`).run(purpose, name)
      this.audit.append({
        action: 'organizational-unit.update',
        entityType: 'organizational-unit',
        entityId: name,
        summary: `Described organizational unit ${name}`,
        before: { purpose: before },
        after: { purpose }
      })
    })
    return this.organizationalUnits().find((unit) => unit.name.toLowerCase() === name.toLowerCase())!
  }

  /**
   * Imports the JSON of `aws organizations list-accounts`, `list-accounts-for-parent` (with the
   * organizational unit they belong to) or `list-organizational-units-for-parent`. New accounts are
   * added; known ones get the name and unit the listing gives; all in one transaction.
   */
  importListing(text: string, organizationalUnit?: string): AccountsImportResult {
    const listing = readOrganizationsListing(text)
    return writeTransaction(this.db, () => {
      const result: AccountsImportResult = { added: [], updated: [], unchanged: 0, organizationalUnits: [] }
      for (const unit of listing.organizationalUnits) {
        const known = this.db.prepare(`SELECT aws_id FROM organizational_units WHERE name = ?`).get(unit.name) as
          { aws_id: string | null } | undefined
        if (known?.aws_id === unit.awsId) continue
        this.db
          .prepare(
            `INSERT INTO organizational_units (name, aws_id) VALUES (?, ?)
             ON CONFLICT(name) DO UPDATE SET aws_id = excluded.aws_id`
          )
          .run(unit.name, unit.awsId)
        this.audit.append({
          action: 'organizational-unit.import',
          entityType: 'organizational-unit',
          entityId: unit.name,
          summary: `Imported organizational unit ${unit.name} (${unit.awsId}) from AWS Organizations`,
          after: unit
        })
        result.organizationalUnits.push(unit.name)
      }
      for (const listed of listing.accounts) {
        const existing = this.db.prepare(`SELECT 1 FROM aws_accounts WHERE account_id = ?`).get(listed.id)
        if (!existing) {
          const name = this.freeName(listed.name ?? `Account ${listed.id}`, listed.id)
          result.added.push(
            this.addAccount({
              accountId: listed.id,
              name,
              ...(organizationalUnit ? { organizationalUnit } : {})
            })
          )
          continue
        }
        const current = this.account(listed.id)
        const patch: { name?: string; organizationalUnit?: string; retired?: boolean } = {}
        if (listed.name && listed.name !== current.name) patch.name = this.freeName(listed.name, listed.id)
        if (organizationalUnit && organizationalUnit !== current.organizationalUnit) {
          patch.organizationalUnit = organizationalUnit
        }
        if (Object.keys(patch).length === 0) {
          result.unchanged++
          continue
        }
        this.updateAccount(listed.id, patch)
        result.updated.push({ accountId: listed.id, changes: Object.keys(patch) })
      }
      return result
    })
  }

  // ---- helpers ----

  private assertNameFree(name: string, accountId: string): void {
    const other = this.db
      .prepare(`SELECT account_id FROM aws_accounts WHERE name = ? AND account_id <> ?`)
      .pluck()
      .get(name, accountId) as string | undefined
    if (other) throw conflict(`Another AWS account (${other}) is already named ${name}. Choose another name.`)
  }

  /** The name, or the name with the account id after it when another account has it already. */
  private freeName(name: string, accountId: string): string {
    const taken = this.db.prepare(`SELECT 1 FROM aws_accounts WHERE name = ? AND account_id <> ?`).get(name, accountId)
    return taken ? `${name} (${accountId})` : name
  }

  private ensureUnit(name: string): void {
    if (!name) return
    this.db.prepare(`INSERT OR IGNORE INTO organizational_units (name) VALUES (?)`).run(name)
  }

  private meta(key: string): string | undefined {
    return this.db.prepare(`SELECT value FROM meta WHERE key = ?`).pluck().get(key) as string | undefined
  }

  private setMeta(key: string, value: string): void {
    this.db
      .prepare(`INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`)
      .run(key, value)
  }
}

function toPerson(row: PersonRow): Person {
  return { id: row.id, name: row.name, role: row.role, email: row.email, retired: row.retired_at !== null }
}

function toAccount(row: AccountRow): AwsAccount {
  return {
    accountId: row.accountId,
    name: row.name,
    organizationalUnit: row.organizationalUnit,
    purpose: row.purpose,
    environment: row.environment,
    retired: row.retired_at !== null
  }
}
