import { createHash, createPrivateKey, generateKeyPairSync, X509Certificate, type KeyObject } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { AppError, integrityError } from '../errors'
import { describeFsError } from '../util/fs-errors'
import { ensurePrivateDir, PRIVATE_FILE_MODE, writeFileAtomically } from '../util/private-files'
import { selfSignedCertificate } from './self-signed-certificate'
import { describeKeyType } from './signing-keys'

export const PDF_PRIVATE_KEY = 'pdf-signing.key'
export const PDF_CERTIFICATE = 'pdf-signing.crt'

/** The key and self-signed certificate behind the standard signature every PDF reader sees. */
export interface PdfSigningKey {
  privateKeyPem: string
  certificatePem: string
  /** SHA-256 of the certificate (DER), as hex: what the signed manifest names. */
  certificateSha256: string
  subject: string
  createdAt: string
}

const pem = (label: string, der: Buffer): string =>
  `-----BEGIN ${label}-----\n${der
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')
    .trimEnd()}\n-----END ${label}-----\n`

function describe(certificatePem: string, privateKeyPem: string, createdAt: string): PdfSigningKey {
  const x509 = new X509Certificate(certificatePem)
  return {
    privateKeyPem,
    certificatePem,
    certificateSha256: createHash('sha256').update(x509.raw).digest('hex'),
    subject: x509.subject.replace(/\n/g, ', '),
    createdAt
  }
}

/**
 * This installation's ECDSA P-256 key and self-signed certificate naming the organisation,
 * created on first use beside the Ed25519 key (keys/, the private key readable by its owner only).
 * PDF readers (Acrobat, pdfsig) check signatures made with it; they cannot check Ed25519.
 */
export async function loadOrCreatePdfSigningKey(
  keysDir: string,
  organisation: string,
  now: () => Date
): Promise<{ key: PdfSigningKey; created: boolean }> {
  const privatePath = join(keysDir, PDF_PRIVATE_KEY)
  const certificatePath = join(keysDir, PDF_CERTIFICATE)
  try {
    if (existsSync(privatePath) && existsSync(certificatePath)) {
      const privateKeyPem = readFileSync(privatePath, 'utf8')
      const certificatePem = readFileSync(certificatePath, 'utf8')
      let key: KeyObject
      let certificate: X509Certificate
      try {
        key = createPrivateKey(privateKeyPem)
        certificate = new X509Certificate(certificatePem)
      } catch {
        throw integrityError(
          `The PDF signing key or certificate in ${keysDir} cannot be read. Put back the originals from a backup, ` +
            `or move ${PDF_PRIVATE_KEY} and ${PDF_CERTIFICATE} away to have new ones created.`
        )
      }
      if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
        throw integrityError(
          `The PDF signing key ${privatePath} is an ${describeKeyType(key)} key; packs are signed for PDF readers with ECDSA P-256 only. ` +
            `Put back the original, or move ${PDF_PRIVATE_KEY} and ${PDF_CERTIFICATE} away to have new ones created.`
        )
      }
      if (!certificate.checkPrivateKey(key)) {
        throw integrityError(
          `The PDF signing certificate ${certificatePath} is not the one of the key beside it. ` +
            `Put back the original pair, or move both away to have a new pair created.`
        )
      }
      return {
        key: describe(certificatePem, privateKeyPem, new Date(certificate.validFrom).toISOString()),
        created: false
      }
    }
    ensurePrivateDir(keysDir)
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' })
    const createdAt = now()
    const certificatePem = pem('CERTIFICATE', selfSignedCertificate(privateKey, organisation, createdAt))
    const privateKeyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()
    writeFileAtomically(privatePath, privateKeyPem, PRIVATE_FILE_MODE)
    writeFileAtomically(certificatePath, certificatePem, 0o644)
    return { key: describe(certificatePem, privateKeyPem, createdAt.toISOString()), created: true }
  } catch (error) {
    if (error instanceof AppError) throw error
    throw describeFsError(error, keysDir, 'prepare the PDF signing key')
  }
}
