import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto'
import { existsSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { AppError, integrityError } from '../errors'
import { describeFsError } from '../util/fs-errors'
import { ensurePrivateDir, PRIVATE_FILE_MODE, writeFileAtomically } from '../util/private-files'

export interface SigningKeys {
  privateKeyPem: string
  publicKeyPem: string
  /** SHA-256 of the public key (DER), as hex: what an auditor compares with the one sent separately. */
  fingerprint: string
  createdAt: string
}

export const PRIVATE_KEY = 'pack-signing.key'
export const PUBLIC_KEY = 'pack-signing.pub'

export function fingerprintOf(publicKeyPem: string): string {
  const der = createPublicKey(publicKeyPem).export({ type: 'spki', format: 'der' })
  return createHash('sha256').update(der).digest('hex')
}

/** The key type in words, for messages: "RSA (1024 bits)", "EC (prime256v1)". */
export function describeKeyType(key: KeyObject): string {
  const type = key.asymmetricKeyType ?? 'unknown'
  const details = key.asymmetricKeyDetails
  if (details?.modulusLength) return `${type.toUpperCase()} (${details.modulusLength} bits)`
  if (details?.namedCurve) return `${type.toUpperCase()} (${details.namedCurve})`
  return type === 'ed25519' ? 'Ed25519' : type.toUpperCase()
}

/** Reads the private key file, refusing anything but an Ed25519 key, in words that say what to do. */
function readPrivateKey(path: string): KeyObject {
  let pem: string
  try {
    pem = readFileSync(path, 'utf8')
  } catch (error) {
    throw describeFsError(error, path, 'read the pack signing key')
  }
  let key: KeyObject
  try {
    key = createPrivateKey(pem)
  } catch {
    throw integrityError(
      `The pack signing key ${path} is not a readable private key. Put back the original from a backup; ` +
        'or move the file away, and a new key is created on the next export (packs signed before keep the old fingerprint).'
    )
  }
  if (key.asymmetricKeyType !== 'ed25519') {
    throw integrityError(
      `The pack signing key ${path} is an ${describeKeyType(key)} key; Evidence Desk signs packs with Ed25519 keys only. ` +
        'Put back the original key, or move this file away to have a new Ed25519 key created.'
    )
  }
  return key
}

/**
 * This installation's Ed25519 key pair for signing packs, created on first use. The private key
 * stays in the data folder (readable by its owner only); the public key travels inside each pack.
 */
export function loadOrCreateSigningKeys(keysDir: string, now: () => Date): { keys: SigningKeys; created: boolean } {
  const privatePath = join(keysDir, PRIVATE_KEY)
  const publicPath = join(keysDir, PUBLIC_KEY)
  try {
    if (existsSync(privatePath)) {
      // The private key is the installation's identity: the public key is always derived from it,
      // and written again if its file is missing or does not match (a crash between the two writes).
      const privateKey = readPrivateKey(privatePath)
      const privateKeyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()
      const publicKeyPem = createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString()
      if (!existsSync(publicPath) || readFileSync(publicPath, 'utf8') !== publicKeyPem) {
        writeFileAtomically(publicPath, publicKeyPem, 0o644)
      }
      return {
        keys: {
          privateKeyPem,
          publicKeyPem,
          fingerprint: fingerprintOf(publicKeyPem),
          createdAt: statSync(privatePath).mtime.toISOString()
        },
        created: false
      }
    }
    ensurePrivateDir(keysDir)
    const { privateKey, publicKey } = generateKeyPairSync('ed25519')
    const privateKeyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()
    const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString()
    // The private key first: once it exists, the public key can always be derived from it again.
    writeFileAtomically(privatePath, privateKeyPem, PRIVATE_FILE_MODE)
    writeFileAtomically(publicPath, publicKeyPem, 0o644)
    return {
      keys: { privateKeyPem, publicKeyPem, fingerprint: fingerprintOf(publicKeyPem), createdAt: now().toISOString() },
      created: true
    }
  } catch (error) {
    if (error instanceof AppError) throw error
    throw describeFsError(error, keysDir, 'prepare the signing key for packs')
  }
}
