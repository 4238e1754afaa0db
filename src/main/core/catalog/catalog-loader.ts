import type Database from 'better-sqlite3'
import { createHash } from 'node:crypto'
import { canonicalJson } from '../../../shared/canonical-json'
import type { AuditLog } from '../audit/audit-log'
import { BUILTIN_SHORT_NAMES, type RequirementKind } from '../../../shared/domain'
import type { Catalog } from './catalog-schema'
import { writeTransaction } from '../db/write-transaction'

export function catalogHash(catalog: unknown): string {
  return createHash('sha256').update(canonicalJson(catalog)).digest('hex')
}

/** A catalog as the register stores it: the built-in three, or one imported from OSCAL. */
export interface StoredCatalog {
  id: string
  name: string
  shortName: string
  version: string
  publisher: string
  notice: string | null
  origin: 'builtin' | 'oscal'
  hash: string
  requirements: {
    ref: string
    parent: string | null
    kind: RequirementKind
    title: string
    assessable: boolean
    attributes?: Record<string, unknown> | undefined
  }[]
}

/**
 * Loads or refreshes framework catalogs. Requirements are matched by reference so mappings
 * survive a catalog update; references a new catalog no longer has are kept and marked
 * withdrawn rather than deleted, since controls may still point at them.
 */
export function loadCatalogs(db: Database.Database, audit: AuditLog, catalogs: Catalog[]): string[] {
  const loaded: string[] = []
  writeTransaction(db, () => {
    for (const catalog of catalogs) {
      const stored = storeCatalog(db, audit, {
        ...catalog,
        shortName: BUILTIN_SHORT_NAMES[catalog.id],
        notice: catalog.notice ?? null,
        origin: 'builtin',
        hash: catalogHash(catalog)
      })
      if (stored) loaded.push(catalog.id)
    }
  })
  return loaded
}

/**
 * Writes one catalog inside the caller's transaction, with its audit entry; false when the
 * register already holds it unchanged.
 */
export function storeCatalog(db: Database.Database, audit: AuditLog, catalog: StoredCatalog): boolean {
  const existing = db.prepare(`SELECT catalog_hash FROM frameworks WHERE id = ?`).get(catalog.id) as
    { catalog_hash: string } | undefined
  if (existing?.catalog_hash === catalog.hash) return false
  db.prepare(
    `INSERT INTO frameworks (id, name, short_name, version, publisher, notice, origin, catalog_hash)
     VALUES (@id, @name, @shortName, @version, @publisher, @notice, @origin, @hash)
     ON CONFLICT(id) DO UPDATE SET name = excluded.name, short_name = excluded.short_name, version = excluded.version,
       publisher = excluded.publisher, notice = excluded.notice, catalog_hash = excluded.catalog_hash`
  ).run({
    id: catalog.id,
    name: catalog.name,
    shortName: catalog.shortName,
    version: catalog.version,
    publisher: catalog.publisher,
    notice: catalog.notice,
    origin: catalog.origin,
    hash: catalog.hash
  })
  db.prepare(`UPDATE requirements SET withdrawn = 1 WHERE framework_id = ?`).run(catalog.id)
  const upsertRequirement = db.prepare(
    `INSERT INTO requirements (framework_id, ref, parent_ref, kind, title, assessable, position, depth, attributes, withdrawn)
     VALUES (@framework, @ref, @parent, @kind, @title, @assessable, @position, @depth, @attributes, 0)
     ON CONFLICT(framework_id, ref) DO UPDATE SET parent_ref = excluded.parent_ref, kind = excluded.kind,
       title = excluded.title, assessable = excluded.assessable, position = excluded.position,
       depth = excluded.depth, attributes = excluded.attributes, withdrawn = 0`
  )
  const depthOf = new Map<string, number>()
  catalog.requirements.forEach((requirement, position) => {
    const depth = requirement.parent === null ? 0 : (depthOf.get(requirement.parent) ?? 0) + 1
    depthOf.set(requirement.ref, depth)
    upsertRequirement.run({
      framework: catalog.id,
      ref: requirement.ref,
      parent: requirement.parent,
      kind: requirement.kind,
      title: requirement.title,
      assessable: requirement.assessable ? 1 : 0,
      position,
      depth,
      attributes: JSON.stringify(requirement.attributes ?? {})
    })
  })
  const assessable = catalog.requirements.filter((requirement) => requirement.assessable).length
  const imported = catalog.origin === 'oscal'
  audit.append({
    action: existing ? 'catalog.update' : imported ? 'catalog.import' : 'catalog.load',
    entityType: 'framework',
    entityId: catalog.id,
    summary: `${existing ? 'Updated' : imported ? 'Imported' : 'Loaded'} the ${catalog.name} ${catalog.version} catalog (${assessable} requirements)`,
    before: existing ? { catalogHash: existing.catalog_hash } : undefined,
    after: { name: catalog.name, version: catalog.version, catalogHash: catalog.hash, requirements: assessable }
  })
  return true
}
