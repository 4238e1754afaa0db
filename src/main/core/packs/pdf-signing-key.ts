import { AsnConvert, OctetString } from '@peculiar/asn1-schema'
import {
  AlgorithmIdentifier,
  AttributeTypeAndValue,
  AttributeValue,
  BasicConstraints,
  Certificate,
  Extension,
  Extensions,
  id_ce_basicConstraints,
  id_ce_keyUsage,
  id_ce_subjectKeyIdentifier,
  KeyUsage,
  KeyUsageFlags,
  Name,
  RelativeDistinguishedName,
  SubjectKeyIdentifier,
  SubjectPublicKeyInfo,
  TBSCertificate,
  Validity,
  Version
} from '@peculiar/asn1-x509'
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomBytes,
  sign,
  X509Certificate,
  type KeyObject
} from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { AppError, integrityError } from '../errors'
import { describeFsError } from '../util/fs-errors'
import { ensurePrivateDir, PRIVATE_FILE_MODE, writeFileAtomically } from '../util/private-files'
import { OID_ECDSA_SHA256 } from './signature/cms'
import { describeKeyType } from './signing-keys'

export const PDF_PRIVATE_KEY = 'pdf-signing.key'
export const PDF_CERTIFICATE = 'pdf-signing.crt'
const CERTIFICATE_YEARS = 10

/** The key and self-signed certificate behind the standard signature every PDF reader sees. */
export interface PdfSigningKey {
  privateKeyPem: string
  certificatePem: string
  /** SHA-256 of the certificate (DER), as hex: what the signed manifest names. */
  certificateSha256: string
  subject: string
  createdAt: string
}

const buffer = (value: ArrayBuffer): Buffer => Buffer.from(value)

function distinguishedName(organisation: string): Name {
  const part = (type: string, value: string) =>
    new RelativeDistinguishedName([
      new AttributeTypeAndValue({ type, value: new AttributeValue({ utf8String: value }) })
    ])
  const name = organisation.trim().slice(0, 60) || 'Evidence Desk'
  return new Name([part('2.5.4.10', name), part('2.5.4.3', `${name} evidence packs`)])
}

/** A self-signed X.509 certificate for an ECDSA P-256 key: signing documents only, not a CA. */
function selfSignedCertificate(privateKey: KeyObject, organisation: string, notBefore: Date): Buffer {
  const spki = AsnConvert.parse(
    createPublicKey(privateKey).export({ type: 'spki', format: 'der' }),
    SubjectPublicKeyInfo
  )
  const notAfter = new Date(notBefore)
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + CERTIFICATE_YEARS)
  const serial = randomBytes(16)
  // A positive INTEGER in minimal DER: the first byte neither 0 nor above 0x7f (else readers refuse it).
  serial[0] = (serial[0]! & 0x3f) | 0x40
  const keyIdentifier = createHash('sha1').update(Buffer.from(spki.subjectPublicKey)).digest()
  const name = distinguishedName(organisation)
  const extension = (extnID: string, critical: boolean, value: ArrayBuffer) =>
    new Extension({ extnID, critical, extnValue: new OctetString(value) })
  const tbs = new TBSCertificate({
    version: Version.v3,
    serialNumber: serial.buffer.slice(serial.byteOffset, serial.byteOffset + serial.length) as ArrayBuffer,
    signature: new AlgorithmIdentifier({ algorithm: OID_ECDSA_SHA256 }),
    issuer: name,
    validity: new Validity({ notBefore, notAfter }),
    subject: name,
    subjectPublicKeyInfo: spki,
    extensions: new Extensions([
      extension(id_ce_basicConstraints, true, AsnConvert.serialize(new BasicConstraints({ cA: false }))),
      extension(
        id_ce_keyUsage,
        true,
        AsnConvert.serialize(new KeyUsage(KeyUsageFlags.digitalSignature | KeyUsageFlags.nonRepudiation))
      ),
      extension(id_ce_subjectKeyIdentifier, false, AsnConvert.serialize(new SubjectKeyIdentifier(keyIdentifier)))
    ])
  })
  const tbsDer = buffer(AsnConvert.serialize(tbs))
  const signature = sign('sha256', tbsDer, { key: privateKey, dsaEncoding: 'der' })
  const certificate = new Certificate({
    tbsCertificate: tbs,
    signatureAlgorithm: new AlgorithmIdentifier({ algorithm: OID_ECDSA_SHA256 }),
    signatureValue: signature.buffer.slice(signature.byteOffset, signature.byteOffset + signature.length) as ArrayBuffer
  })
  return buffer(AsnConvert.serialize(certificate))
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
export function loadOrCreatePdfSigningKey(
  keysDir: string,
  organisation: string,
  now: () => Date
): { key: PdfSigningKey; created: boolean } {
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
