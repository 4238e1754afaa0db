import { sign, type KeyObject } from 'node:crypto'
import {
  children,
  objectIdentifier,
  octetString,
  readElement,
  sequence,
  set,
  smallInteger,
  tagged,
  utcTime
} from './der'

const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  sha256: '2.16.840.1.101.3.4.2.1',
  ecdsaWithSha256: '1.2.840.10045.4.3.2'
}

const algorithm = (oid: string): Buffer => sequence(objectIdentifier(oid))
const attribute = (oid: string, value: Buffer): Buffer => sequence(objectIdentifier(oid), set(value))

/** The issuer and serial number of a certificate (DER), as they are encoded in it. */
function issuerAndSerial(der: Buffer): { issuer: Buffer; serial: Buffer } {
  try {
    const certificate = readElement(der, 0)
    const tbs = children(der, certificate)[0]!
    const fields = children(der, tbs)
    const versioned = fields[0]!.tag === 0xa0
    const serial = fields[versioned ? 1 : 0]!
    const issuer = fields[versioned ? 3 : 2]!
    if (certificate.tag !== 0x30 || tbs.tag !== 0x30 || serial.tag !== 0x02 || issuer.tag !== 0x30) throw new Error()
    return { issuer: der.subarray(issuer.start, issuer.end), serial: der.subarray(serial.start, serial.end) }
  } catch {
    throw new Error('The certificate cannot be read.')
  }
}

/**
 * A CMS SignedData (RFC 5652) over content kept elsewhere, signed with Node's ECDSA: what a PDF's
 * signature field carries (SubFilter adbe.pkcs7.detached). The signed attributes are the content
 * type, the signing time and the content's SHA-256; their DER SET is what is signed. Encoded here
 * by hand (der.ts): the export's worker then loads no ASN.1 library at all.
 */
export function buildDetachedCms(input: {
  contentSha256: Buffer
  certificateDer: Buffer
  privateKey: KeyObject
  signingTime: Date
}): Buffer {
  const { issuer, serial } = issuerAndSerial(input.certificateDer)
  // DER sorts a SET OF by the elements' encodings.
  const attributes = [
    attribute(OID.contentType, objectIdentifier(OID.data)),
    attribute(OID.signingTime, utcTime(input.signingTime)),
    attribute(OID.messageDigest, octetString(input.contentSha256))
  ].sort(Buffer.compare)
  const signature = sign('sha256', set(...attributes), { key: input.privateKey, dsaEncoding: 'der' })
  // In the SignerInfo the same attributes carry the implicit tag [0] instead of SET.
  const signerInfo = sequence(
    smallInteger(1),
    sequence(issuer, serial),
    algorithm(OID.sha256),
    tagged(0, ...attributes),
    algorithm(OID.ecdsaWithSha256),
    octetString(signature)
  )
  const signedData = sequence(
    smallInteger(1),
    set(algorithm(OID.sha256)),
    sequence(objectIdentifier(OID.data)),
    tagged(0, input.certificateDer),
    set(signerInfo)
  )
  return sequence(objectIdentifier(OID.signedData), tagged(0, signedData))
}
