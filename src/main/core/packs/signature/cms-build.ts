import { Constructed, fromBER, Integer, ObjectIdentifier, OctetString, Sequence, Set as AsnSet, UTCTime } from 'asn1js'
import { sign, type KeyObject } from 'node:crypto'

const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  sha256: '2.16.840.1.101.3.4.2.1',
  ecdsaWithSha256: '1.2.840.10045.4.3.2'
}

const algorithm = (oid: string): Sequence => new Sequence({ value: [new ObjectIdentifier({ value: oid })] })
const attribute = (oid: string, value: ObjectIdentifier | UTCTime | OctetString): Buffer =>
  Buffer.from(new Sequence({ value: [new ObjectIdentifier({ value: oid }), new AsnSet({ value: [value] })] }).toBER())
const explicit = (tagNumber: number, value: Sequence): Constructed =>
  new Constructed({ idBlock: { tagClass: 3, tagNumber }, value: [value] })

function derLength(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length])
  const bytes: number[] = []
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256)
  return Buffer.from([0x80 | bytes.length, ...bytes])
}

function parsed(der: Buffer): Sequence {
  const result = fromBER(der)
  if (result.offset === -1 || !(result.result instanceof Sequence)) throw new Error('The certificate cannot be read.')
  return result.result
}

/**
 * A CMS SignedData (RFC 5652) over content kept elsewhere, written with asn1js and signed with
 * Node's ECDSA: what a PDF's signature field carries (SubFilter adbe.pkcs7.detached). The
 * signed attributes are the content type, the signing time and the content's SHA-256; their DER
 * SET is what is signed. Built here on the export's path, where loading a whole ASN.1 schema
 * library for every pack would cost more than the rest of the signature.
 */
export function buildDetachedCms(input: {
  contentSha256: Buffer
  certificateDer: Buffer
  privateKey: KeyObject
  signingTime: Date
}): Buffer {
  const certificate = parsed(input.certificateDer)
  const tbs = certificate.valueBlock.value[0] as Sequence
  const fields = tbs.valueBlock.value
  const versioned = fields[0]!.idBlock.tagClass === 3
  const serial = fields[versioned ? 1 : 0]!
  const issuer = fields[versioned ? 3 : 2]!

  const attributes = [
    attribute(OID.contentType, new ObjectIdentifier({ value: OID.data })),
    attribute(OID.signingTime, new UTCTime({ valueDate: input.signingTime })),
    attribute(OID.messageDigest, new OctetString({ valueHex: input.contentSha256 }))
  ].sort(Buffer.compare)
  const body = Buffer.concat(attributes)
  const signed = Buffer.concat([Buffer.from([0x31]), derLength(body.length), body])
  const signature = sign('sha256', signed, { key: input.privateKey, dsaEncoding: 'der' })
  // In the SignerInfo the same attributes carry the implicit tag [0] instead of SET.
  const signedAttributes = fromBER(Buffer.concat([Buffer.from([0xa0]), derLength(body.length), body])).result

  const signerInfo = new Sequence({
    value: [
      new Integer({ value: 1 }),
      new Sequence({ value: [issuer, serial] }),
      algorithm(OID.sha256),
      signedAttributes,
      algorithm(OID.ecdsaWithSha256),
      new OctetString({ valueHex: signature })
    ]
  })
  const signedData = new Sequence({
    value: [
      new Integer({ value: 1 }),
      new AsnSet({ value: [algorithm(OID.sha256)] }),
      new Sequence({ value: [new ObjectIdentifier({ value: OID.data })] }),
      new Constructed({ idBlock: { tagClass: 3, tagNumber: 0 }, value: [certificate] }),
      new AsnSet({ value: [signerInfo] })
    ]
  })
  return Buffer.from(
    new Sequence({ value: [new ObjectIdentifier({ value: OID.signedData }), explicit(0, signedData)] }).toBER()
  )
}
