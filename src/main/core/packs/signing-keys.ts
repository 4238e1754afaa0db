import { createHash, createPublicKey, generateKeyPairSync } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { AppError } from '../errors'
import { describeFsError } from '../util/fs-errors'

export interface SigningKeys {
  privateKeyPem: string
  publicKeyPem: string
  /** SHA-256 of the public key (DER), as hex: what an auditor compares with the one sent separately. */
  fingerprint: string
  createdAt: string
}

const PRIVATE_KEY = 'pack-signing.key'
const PUBLIC_KEY = 'pack-signing.pub'

export function fingerprintOf(publicKeyPem: string): string {
  const der = createPublicKey(publicKeyPem).export({ type: 'spki', format: 'der' })
  return createHash('sha256').update(der).digest('hex')
}

function writeAtomically(path: string, content: string, mode: number): void {
  writeFileSync(`${path}.part`, content, { mode, flush: true })
  renameSync(`${path}.part`, path)
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
      const privateKeyPem = readFileSync(privatePath, 'utf8')
      const publicKeyPem = createPublicKey(privateKeyPem).export({ type: 'spki', format: 'pem' }).toString()
      if (!existsSync(publicPath) || readFileSync(publicPath, 'utf8') !== publicKeyPem) {
        writeAtomically(publicPath, publicKeyPem, 0o644)
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
    mkdirSync(keysDir, { recursive: true, mode: 0o700 })
    const { privateKey, publicKey } = generateKeyPairSync('ed25519')
    const privateKeyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()
    const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString()
    // The private key first: once it exists, the public key can always be derived from it again.
    writeAtomically(privatePath, privateKeyPem, 0o600)
    writeAtomically(publicPath, publicKeyPem, 0o644)
    return {
      keys: { privateKeyPem, publicKeyPem, fingerprint: fingerprintOf(publicKeyPem), createdAt: now().toISOString() },
      created: true
    }
  } catch (error) {
    if (error instanceof AppError) throw error
    throw describeFsError(error, keysDir, 'prepare the signing key for packs')
  }
}
