import Database from 'better-sqlite3'
import { createPublicKey } from 'node:crypto'
import { existsSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { formatFingerprint } from '../../../shared/fingerprint'
import type { KnownSigningKey } from '../../../shared/types'
import type { AuditLog } from '../audit/audit-log'
import { APPLICATION_ID } from '../db/open-database'
import { writeTransaction } from '../db/write-transaction'
import { AppError } from '../errors'
import { loadOrCreatePdfSigningKey, PDF_CERTIFICATE, PDF_PRIVATE_KEY, type PdfSigningKey } from './pdf-signing-key'
import {
  describeKeyType,
  fingerprintOf,
  loadOrCreateSigningKeys,
  PRIVATE_KEY,
  PUBLIC_KEY,
  type SigningKeys
} from './signing-keys'

const CURRENT_KEY = 'signing.currentFingerprint'

interface KeyRow {
  fingerprint: string
  algorithm: string
  public_key_pem: string | null
  trust: 'own' | 'trusted'
  label: string
  added_at: string
  added_by: string
}

/** A fingerprint as typed or pasted (spaces, colons, upper case): 64 hex digits, or null. */
export function normaliseFingerprint(text: string): string | null {
  const hex = text.replace(/[\s:]/g, '').toLowerCase()
  return /^[0-9a-f]{64}$/.test(hex) ? hex : null
}

/** The keys a register knows, read without the rest of the register (for pack verify). */
export function knownKeys(db: Database.Database): Map<string, KnownSigningKey> {
  const rows = db.prepare(`SELECT * FROM signing_keys ORDER BY added_at, fingerprint`).all() as KeyRow[]
  return new Map(
    rows.map((row) => [
      row.fingerprint,
      {
        fingerprint: row.fingerprint,
        algorithm: row.algorithm,
        trust: row.trust,
        label: row.label,
        addedAt: row.added_at,
        addedBy: row.added_by,
        hasPublicKey: row.public_key_pem !== null
      }
    ])
  )
}

/**
 * The signing keys of a register: its own (the Ed25519 key it signs manifests with, every one it
 * ever used, and the ECDSA key of the standard PDF signature) and the keys its user trusts.
 * Creating, changing and trusting a key are each audited.
 */
export class KeyRegister {
  /**
   * The keys as last read and checked, with the files' identities they were read from: an export
   * reads, parses and checks them again only when a key file was replaced, changed or removed.
   */
  private cachedSigningKeys: { files: string; keys: SigningKeys } | null = null
  private cachedPdfKey: { files: string; key: PdfSigningKey } | null = null

  constructor(
    private readonly db: Database.Database,
    private readonly audit: AuditLog,
    private readonly keysDir: string,
    private readonly now: () => Date,
    private readonly actor: () => string
  ) {}

  list(): KnownSigningKey[] {
    return [...knownKeys(this.db).values()]
  }

  /** The Ed25519 key packs are signed with, created on first use; a key that changed is recorded. */
  signingKeys(): SigningKeys {
    const files = this.fileIdentities(PRIVATE_KEY, PUBLIC_KEY)
    if (this.cachedSigningKeys?.files === files) return this.cachedSigningKeys.keys
    const keys = this.checkedSigningKeys()
    this.cachedSigningKeys = { files: this.fileIdentities(PRIVATE_KEY, PUBLIC_KEY), keys }
    return keys
  }

  private checkedSigningKeys(): SigningKeys {
    const { keys, created } = loadOrCreateSigningKeys(this.keysDir, this.now)
    const meta = this.db.prepare(`SELECT value FROM meta WHERE key = ?`).pluck()
    const lastExport = this.db
      .prepare(`SELECT key_fingerprint FROM pack_exports ORDER BY id DESC LIMIT 1`)
      .pluck()
      .get() as string | undefined
    const previous = (meta.get(CURRENT_KEY) as string | undefined) ?? lastExport
    if (!created && previous === keys.fingerprint && knownKeys(this.db).get(keys.fingerprint)?.hasPublicKey) {
      return keys
    }
    writeTransaction(this.db, () => {
      this.setMeta(CURRENT_KEY, keys.fingerprint)
      this.upsert(keys.fingerprint, keys.publicKeyPem, 'own', "this register's pack signing key")
      if (created) {
        this.audit.append({
          action: 'keys.create',
          entityType: 'signing-key',
          entityId: keys.fingerprint,
          summary: `Created this installation's pack signing key (fingerprint ${keys.fingerprint.slice(0, 16)}…)`,
          after: { fingerprint: keys.fingerprint, algorithm: 'Ed25519' }
        })
      } else if (previous && previous !== keys.fingerprint) {
        this.audit.append({
          action: 'keys.change',
          entityType: 'signing-key',
          entityId: keys.fingerprint,
          summary: `The pack signing key in the data folder changed: packs are now signed with ${keys.fingerprint.slice(0, 16)}…, not ${previous.slice(0, 16)}…`,
          before: { fingerprint: previous },
          after: { fingerprint: keys.fingerprint, algorithm: 'Ed25519' }
        })
      }
    })
    return keys
  }

  /** The ECDSA key and certificate of the standard PDF signature, created (and audited) on first use. */
  async pdfSigningKey(organisation: string): Promise<PdfSigningKey> {
    const files = this.fileIdentities(PDF_PRIVATE_KEY, PDF_CERTIFICATE)
    if (this.cachedPdfKey?.files === files) return this.cachedPdfKey.key
    const { key, created } = await loadOrCreatePdfSigningKey(this.keysDir, organisation, this.now)
    if (created) {
      writeTransaction(this.db, () =>
        this.audit.append({
          action: 'keys.create',
          entityType: 'signing-key',
          entityId: key.certificateSha256,
          summary: `Created this installation's PDF signing key and certificate (${key.subject})`,
          after: { certificateSha256: key.certificateSha256, algorithm: 'ECDSA P-256', subject: key.subject }
        })
      )
    }
    this.cachedPdfKey = { files: this.fileIdentities(PDF_PRIVATE_KEY, PDF_CERTIFICATE), key }
    return key
  }

  /** Which files are at these names in keys/ (inode, size, modification time), or that they are missing. */
  private fileIdentities(...names: string[]): string {
    return names
      .map((name) => {
        const stats = statSync(join(this.keysDir, name), { throwIfNoEntry: false })
        return stats ? `${stats.ino}:${stats.size}:${stats.mtimeMs}:${stats.ctimeMs}` : 'missing'
      })
      .join('|')
  }

  /**
   * Marks a key as trusted: a public key file (PEM, as packs carry it) or a fingerprint received
   * from the preparer by another channel. Only Ed25519 keys sign packs, so only they are taken.
   */
  trust(input: { file?: string; fingerprint?: string; label?: string }): KnownSigningKey {
    let fingerprint: string
    let pem: string | null = null
    if (input.file) {
      let text: string
      try {
        text = readFileSync(input.file, 'utf8')
      } catch {
        throw new AppError('NOT_FOUND', `${input.file} cannot be read. Give a public key file (PEM) or a fingerprint.`)
      }
      let type: string
      try {
        const key = createPublicKey(text)
        type = key.asymmetricKeyType === 'ed25519' ? 'ed25519' : describeKeyType(key)
        pem = key.export({ type: 'spki', format: 'pem' }).toString()
      } catch {
        throw new AppError(
          'VALIDATION',
          `${input.file} is not a public key (PEM). Give the signing-key.pem of a pack, or a fingerprint.`
        )
      }
      if (type !== 'ed25519') {
        throw new AppError('VALIDATION', `${input.file} holds an ${type} key; packs are signed with Ed25519 keys only.`)
      }
      fingerprint = fingerprintOf(pem)
    } else {
      const normalised = input.fingerprint ? normaliseFingerprint(input.fingerprint) : null
      if (!normalised) {
        throw new AppError(
          'VALIDATION',
          'A fingerprint is 64 hexadecimal digits (spaces and colons allowed), as pack verify prints it.'
        )
      }
      fingerprint = normalised
    }
    const existing = knownKeys(this.db).get(fingerprint)
    if (existing && (existing.hasPublicKey || !pem)) return existing
    writeTransaction(this.db, () => {
      this.upsert(fingerprint, pem, existing?.trust ?? 'trusted', input.label ?? existing?.label ?? '')
      this.audit.append({
        action: 'keys.trust',
        entityType: 'signing-key',
        entityId: fingerprint,
        summary: `Trusted the pack signing key ${formatFingerprint(fingerprint)}${input.label ? ` (${input.label})` : ''}`,
        after: { fingerprint, algorithm: 'Ed25519', label: input.label ?? '', publicKey: pem !== null }
      })
    })
    return knownKeys(this.db).get(fingerprint)!
  }

  private upsert(fingerprint: string, pem: string | null, trust: 'own' | 'trusted', label: string): void {
    this.db
      .prepare(
        `INSERT INTO signing_keys (fingerprint, algorithm, public_key_pem, trust, label, added_at, added_by)
         VALUES (?, 'Ed25519', ?, ?, ?, ?, ?)
         ON CONFLICT(fingerprint) DO UPDATE SET public_key_pem = coalesce(excluded.public_key_pem, public_key_pem),
           trust = CASE WHEN trust = 'own' THEN 'own' ELSE excluded.trust END`
      )
      .run(fingerprint, pem, trust, label, this.now().toISOString(), this.actor())
  }

  private setMeta(key: string, value: string): void {
    this.db
      .prepare(`INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`)
      .run(key, value)
  }
}

/**
 * The keys of a register on disk, read without opening it for writing (pack verify consults a
 * register it must not change). Null when there is no Evidence Desk register at the path.
 */
export function knownKeysAt(databasePath: string): Map<string, KnownSigningKey> | null {
  if (!existsSync(databasePath)) return null
  let db: Database.Database | undefined
  try {
    db = new Database(databasePath, { readonly: true, fileMustExist: true })
    if (db.pragma('application_id', { simple: true }) !== APPLICATION_ID) return null
    const hasTable = db.prepare(`SELECT 1 FROM sqlite_schema WHERE name = 'signing_keys'`).get() !== undefined
    if (hasTable) return knownKeys(db)
    // A register from before keys were recorded: the keys its exports were signed with are its own.
    const fingerprints = db.prepare(`SELECT DISTINCT key_fingerprint FROM pack_exports`).pluck().all() as string[]
    return new Map(
      fingerprints.map((fingerprint) => [
        fingerprint,
        { fingerprint, algorithm: 'Ed25519', trust: 'own', label: '', addedAt: '', addedBy: '', hasPublicKey: false }
      ])
    )
  } catch {
    return null
  } finally {
    db?.close()
  }
}
