import type Database from 'better-sqlite3'
import { createHash } from 'node:crypto'
import { canonicalJson } from '../../../shared/canonical-json'
import type { AuditLog } from '../audit/audit-log'
import { BUILTIN_SHORT_NAMES } from '../../../shared/domain'
import type { Catalog } from './catalog-schema'
import { writeTransaction } from '../db/write-transaction'

export function catalogHash(catalog: Catalog): string {
  return createHash('sha256').update(canonicalJson(catalog)).digest('hex')
}

/**
 * Loads or refreshes framework catalogs. Requirements are matched by reference so mappings
 * survive a catalog update; references a new catalog no longer has are kept and marked
 * withdrawn rather than deleted, since controls may still point at them.
 */
export function loadCatalogs(db: Database.Database, audit: AuditLog, catalogs: Catalog[]): string[] {
  const current = db.prepare(`SELECT catalog_hash FROM frameworks WHERE id = ?`)
  const upsertFramework = db.prepare(
    `INSERT INTO frameworks (id, name, short_name, version, publisher, notice, origin, catalog_hash)
     VALUES (@id, @name, @shortName, @version, @publisher, @notice, 'builtin', @hash)
     ON CONFLICT(id) DO UPDATE SET name = excluded.name, short_name = excluded.short_name, version = excluded.version,
       publisher = excluded.publisher, notice = excluded.notice, catalog_hash = excluded.catalog_hash`
  )
  const withdrawAll = db.prepare(`UPDATE requirements SET withdrawn = 1 WHERE framework_id = ?`)
  const upsertRequirement = db.prepare(
    `INSERT INTO requirements (framework_id, ref, parent_ref, kind, title, assessable, position, depth, attributes, withdrawn)
     VALUES (@framework, @ref, @parent, @kind, @title, @assessable, @position, @depth, @attributes, 0)
     ON CONFLICT(framework_id, ref) DO UPDATE SET parent_ref = excluded.parent_ref, kind = excluded.kind,
       title = excluded.title, assessable = excluded.assessable, position = excluded.position,
       depth = excluded.depth, attributes = excluded.attributes, withdrawn = 0`
  )

  const loaded: string[] = []
  writeTransaction(db, () => {
    for (const catalog of catalogs) {
      const hash = catalogHash(catalog)
      const existing = current.get(catalog.id) as { catalog_hash: string } | undefined
      if (existing?.catalog_hash === hash) continue

      upsertFramework.run({
        id: catalog.id,
        name: catalog.name,
        shortName: BUILTIN_SHORT_NAMES[catalog.id],
        version: catalog.version,
        publisher: catalog.publisher,
        notice: catalog.notice ?? null,
        hash
      })
      withdrawAll.run(catalog.id)
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
      audit.append({
        action: existing ? 'catalog.update' : 'catalog.load',
        entityType: 'framework',
        entityId: catalog.id,
        summary: `${existing ? 'Updated' : 'Loaded'} the ${catalog.name} ${catalog.version} catalog (${assessable} requirements)`,
        before: existing ? { catalogHash: existing.catalog_hash } : undefined,
        after: { name: catalog.name, version: catalog.version, catalogHash: hash, requirements: assessable }
      })
      loaded.push(catalog.id)
    }
  })
  return loaded
}
