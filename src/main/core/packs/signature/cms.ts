import {
  ContentInfo,
  id_messageDigest,
  id_signedData,
  id_signingTime,
  SignedData,
  SigningTime
} from '@peculiar/asn1-cms'
import { AsnConvert, OctetString } from '@peculiar/asn1-schema'
import { fromBER, Sequence, Set as AsnSet } from 'asn1js'
import { createHash, verify, X509Certificate } from 'node:crypto'

export const OID_SHA256 = '2.16.840.1.101.3.4.2.1'
export const OID_ECDSA_SHA256 = '1.2.840.10045.4.3.2'

const toBuffer = (value: ArrayBuffer | Uint8Array): Buffer =>
  value instanceof Uint8Array ? Buffer.from(value.buffer, value.byteOffset, value.byteLength) : Buffer.from(value)

export interface CmsCheck {
  /** The signature over the signed attributes holds, and their message digest is the content's. */
  valid: boolean
  /** Why it does not hold, in words. */
  problem?: string
  certificateDer?: Buffer
  certificateSha256?: string
  signer?: string
  signingTime?: Date
}

/** Checks a detached CMS signature against the SHA-256 of the content it signs. */
export function checkDetachedCms(cms: Buffer, contentSha256: Buffer): CmsCheck {
  let signedData: SignedData
  try {
    const info = AsnConvert.parse(cms, ContentInfo)
    if (info.contentType !== id_signedData) return { valid: false, problem: 'it is not a CMS signed-data structure' }
    signedData = AsnConvert.parse(info.content, SignedData)
  } catch {
    return { valid: false, problem: 'it cannot be read as a CMS signature' }
  }
  const signerInfo = signedData.signerInfos[0]
  const certificate = signedData.certificates?.[0]?.certificate
  if (!signerInfo || signedData.signerInfos.length !== 1 || !certificate) {
    return { valid: false, problem: 'it does not hold exactly one signer and its certificate' }
  }
  const certificateDer = toBuffer(AsnConvert.serialize(certificate))
  let x509: X509Certificate
  try {
    x509 = new X509Certificate(certificateDer)
  } catch {
    return { valid: false, problem: 'its certificate cannot be read' }
  }
  const base: CmsCheck = {
    valid: false,
    certificateDer,
    certificateSha256: createHash('sha256').update(certificateDer).digest('hex'),
    signer: x509.subject
  }
  if (signerInfo.digestAlgorithm.algorithm !== OID_SHA256) return { ...base, problem: 'it does not use SHA-256' }
  const raw = signedAttributesOf(cms)
  const attributes = signerInfo.signedAttrs ?? []
  if (!raw) return { ...base, problem: 'it has no signed attributes' }
  const digest = attributes.find((attribute) => attribute.attrType === id_messageDigest)?.attrValues[0]
  const time = attributes.find((attribute) => attribute.attrType === id_signingTime)?.attrValues[0]
  const signingTime = time ? AsnConvert.parse(time, SigningTime).getTime() : undefined
  const withTime = signingTime ? { ...base, signingTime } : base
  if (!digest || !toBuffer(AsnConvert.parse(digest, OctetString).buffer).equals(contentSha256)) {
    return { ...withTime, problem: 'the signed bytes of the document were changed' }
  }
  // The signature is over the attributes encoded as a SET (the [0] tag of the SignerInfo replaced).
  const signed = Buffer.from(raw)
  signed[0] = 0x31
  const holds = (() => {
    try {
      return verify(
        'sha256',
        signed,
        { key: x509.publicKey, dsaEncoding: 'der' },
        toBuffer(signerInfo.signature.buffer)
      )
    } catch {
      return false
    }
  })()
  return holds ? { ...withTime, valid: true } : { ...withTime, problem: 'the signature does not hold' }
}

/**
 * The signed attributes of the first signer exactly as they are encoded in the signature (the
 * bytes the signature covers), or null. Read from the encoding itself, never re-encoded.
 */
function signedAttributesOf(cms: Buffer): Buffer | null {
  const parsed = fromBER(cms)
  if (parsed.offset === -1 || !(parsed.result instanceof Sequence)) return null
  const content = parsed.result.valueBlock.value[1]
  const signedData =
    content && 'valueBlock' in content ? (content.valueBlock as { value?: unknown[] }).value?.[0] : null
  if (!(signedData instanceof Sequence)) return null
  const signerInfos = signedData.valueBlock.value.at(-1)
  const signerInfo = signerInfos instanceof AsnSet ? signerInfos.valueBlock.value[0] : null
  if (!(signerInfo instanceof Sequence)) return null
  const attributes = signerInfo.valueBlock.value.find(
    (element) => element.idBlock.tagClass === 3 && element.idBlock.tagNumber === 0
  )
  return attributes ? Buffer.from(attributes.valueBeforeDecodeView) : null
}
