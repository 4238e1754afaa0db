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
import { createHash, createPublicKey, randomBytes, sign, type KeyObject } from 'node:crypto'

const OID_ECDSA_SHA256 = '1.2.840.10045.4.3.2'
const CERTIFICATE_YEARS = 10

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
export function selfSignedCertificate(privateKey: KeyObject, organisation: string, notBefore: Date): Buffer {
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
