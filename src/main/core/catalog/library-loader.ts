import type Database from 'better-sqlite3'
import type { AuditLog } from '../audit/audit-log'
import type { SampleOrganisation, StarterLibrary } from './catalog-schema'
import { writeTransaction } from '../db/write-transaction'

const LIBRARY_VERSION_KEY = 'library.version'
const SAMPLE_KEY = 'sample.loaded'

export function hasStarterLibrary(db: Database.Database): boolean {
  return db.prepare(`SELECT 1 FROM meta WHERE key = ?`).get(LIBRARY_VERSION_KEY) !== undefined
}

export function hasSampleOrganisation(db: Database.Database): boolean {
  return db.prepare(`SELECT 1 FROM meta WHERE key = ?`).get(SAMPLE_KEY) !== undefined
}

/**
 * Adds the starter control library to a new register: controls, their mappings and the
 * statements of why some requirements need no control. Loaded once; after that the controls
 * belong to the user and are never overwritten.
 */
export function loadStarterLibrary(db: Database.Database, audit: AuditLog, library: StarterLibrary, now: string): void {
  if (hasStarterLibrary(db)) return
  const requirementId = db.prepare(`SELECT id FROM requirements WHERE framework_id = ? AND ref = ?`).pluck()
  const insertControl = db.prepare(
    `INSERT INTO controls (id, title, statement, domain, owner, status, responsibility, rationale, aws_services,
       notes, origin, version, created_at, updated_at)
     VALUES (@id, @title, @statement, @domain, '', 'not-started', @responsibility, @rationale, @awsServices,
       '', 'library', 1, @now, @now)`
  )
  const insertMapping = db.prepare(`INSERT INTO control_requirements (control_id, requirement_id) VALUES (?, ?)`)
  const insertScoping = db.prepare(
    `INSERT INTO requirement_scoping (requirement_id, applicable, reason, updated_at) VALUES (?, 0, ?, ?)
     ON CONFLICT(requirement_id) DO NOTHING`
  )
  const resolve = (framework: string, ref: string): number => {
    const id = requirementId.get(framework, ref) as number | undefined
    if (id === undefined) throw new Error(`Starter library refers to unknown requirement ${framework} ${ref}`)
    return id
  }

  writeTransaction(db, () => {
    for (const control of library.controls) {
      insertControl.run({ ...control, awsServices: JSON.stringify(control.awsServices), now })
      const mappings: { framework: string; ref: string }[] = []
      for (const [framework, refs] of Object.entries(control.mappings)) {
        for (const ref of refs ?? []) {
          insertMapping.run(control.id, resolve(framework, ref))
          mappings.push({ framework, ref })
        }
      }
      audit.append({
        action: 'control.create',
        entityType: 'control',
        entityId: control.id,
        summary: `Added ${control.id} "${control.title}" from the starter library`,
        after: {
          title: control.title,
          statement: control.statement,
          domain: control.domain,
          responsibility: control.responsibility,
          rationale: control.rationale,
          awsServices: control.awsServices,
          status: 'not-started',
          mappings
        }
      })
    }
    for (const item of library.notApplicable) {
      insertScoping.run(resolve(item.framework, item.ref), item.reason, now)
      audit.append({
        action: 'requirement.scope',
        entityType: 'requirement',
        entityId: `${item.framework}:${item.ref}`,
        summary: `Marked ${item.framework.toUpperCase()} ${item.ref} as not applicable`,
        after: { applicable: false, reason: item.reason }
      })
    }
    db.prepare(`INSERT INTO meta (key, value) VALUES (?, ?)`).run(LIBRARY_VERSION_KEY, String(library.version))
  })
}

/**
 * Turns the register into the sample organisation's: its name, AWS accounts, and an owner,
 * status and notes for each control, recorded in the audit log like any other edit.
 */
export function loadSampleOrganisation(
  db: Database.Database,
  audit: AuditLog,
  sample: SampleOrganisation,
  now: string
): void {
  if (hasSampleOrganisation(db)) return
  const setMeta = db.prepare(
    `INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`
  )
  const insertAccount = db.prepare(
    `INSERT INTO aws_accounts (account_id, name, organizational_unit, purpose, environment)
     VALUES (@accountId, @name, @organizationalUnit, @purpose, @environment) ON CONFLICT(account_id) DO NOTHING`
  )
  const insertUnit = db.prepare(`INSERT OR IGNORE INTO organizational_units (name) VALUES (?)`)
  const insertPerson = db.prepare(
    `INSERT INTO people (name, role, email, created_at) VALUES (?, ?, '', ?) ON CONFLICT(name) DO NOTHING`
  )
  const readControl = db.prepare(`SELECT owner, status, notes, not_applicable_reason FROM controls WHERE id = ?`)
  const updateControl = db.prepare(
    `UPDATE controls SET owner = @owner, status = @status, notes = @notes,
       not_applicable_reason = @notApplicableReason, version = version + 1, updated_at = @now WHERE id = @id`
  )
  writeTransaction(db, () => {
    setMeta.run('organisation.name', sample.organisation.name)
    setMeta.run('organisation.description', sample.organisation.description)
    setMeta.run('register.name', sample.organisation.registerName)
    setMeta.run('organisation.frameworks', JSON.stringify(sample.organisation.frameworks))
    setMeta.run('register.setUpDone', 'true')
    audit.append({
      action: 'organisation.update',
      entityType: 'organisation',
      entityId: 'organisation',
      summary: `Set the organisation to ${sample.organisation.name}`,
      after: sample.organisation
    })
    for (const person of sample.people) {
      const added = insertPerson.run(person.name, person.role, now)
      if (added.changes === 0) continue
      audit.append({
        action: 'person.create',
        entityType: 'person',
        entityId: String(added.lastInsertRowid),
        summary: `Added ${person.name} (${person.role}) to the organisation's people`,
        after: { name: person.name, role: person.role, email: '' }
      })
    }
    for (const account of sample.accounts) {
      insertAccount.run(account)
      insertUnit.run(account.organizationalUnit)
      audit.append({
        action: 'account.create',
        entityType: 'aws-account',
        entityId: account.accountId,
        summary: `Added AWS account ${account.name} (${account.accountId})`,
        after: account
      })
    }
    for (const [id, values] of Object.entries(sample.controls)) {
      const row = readControl.get(id) as
        { owner: string; status: string; notes: string; not_applicable_reason: string } | undefined
      if (!row) continue
      const before = {
        owner: row.owner,
        status: row.status,
        notes: row.notes,
        notApplicableReason: row.not_applicable_reason
      }
      const after = {
        owner: values.owner,
        status: values.status,
        notes: values.notes ?? before.notes,
        notApplicableReason: values.notApplicableReason ?? before.notApplicableReason
      }
      updateControl.run({ id, ...after, now })
      audit.append({
        action: 'control.update',
        entityType: 'control',
        entityId: id,
        summary: `Updated ${id}: owner ${after.owner}, status ${after.status}`,
        before,
        after
      })
    }
    setMeta.run(SAMPLE_KEY, sample.organisation.name)
  })
}
