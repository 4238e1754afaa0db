import { PDFArray, PDFDict, PDFHexString, PDFName, PDFRef, PDFString, type PDFObject } from 'pdf-lib'
import { XrefReader, type ByteSource } from './xref-reader'

/** The names of the files the signature adds to a pack's PDF. */
export const MANIFEST_FILE = 'evidence-desk-manifest.json'
export const SIGNATURE_FILE = 'evidence-desk-manifest.sig'
export const PUBLIC_KEY_FILE = 'evidence-desk-signing-key.pem'
export const SIGNATURE_FILES = [MANIFEST_FILE, SIGNATURE_FILE, PUBLIC_KEY_FILE]

export interface SignatureParts {
  manifest: Buffer
  /** The Ed25519 signature of the manifest, base64. */
  signature: string
  publicKeyPem: string
  /** The date written on the added files (the manifest's generation time). */
  date: Date
}

interface EmbeddedPart {
  name: string
  mediaType: string
  description: string
  content: Buffer
}

export const pdfDate = (date: Date): string => {
  const pad = (value: number): string => String(value).padStart(2, '0')
  return `D:${date.getUTCFullYear()}${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}${pad(date.getUTCHours())}${pad(date.getUTCMinutes())}${pad(date.getUTCSeconds())}Z`
}

export const literal = (text: string): string => PDFString.of(text).toString()

function keyText(value: PDFObject | undefined): string {
  if (value instanceof PDFString || value instanceof PDFHexString) return value.decodeText()
  return ''
}

/**
 * The incremental update that signs a pack's PDF: the manifest, its signature and the public key
 * added as associated files (AFRelationship Data), listed in the catalog's embedded files and AF
 * array. The PDF as written before it (the body) is left byte for byte as it was, and the manifest
 * carries the body's length and SHA-256.
 *
 * The update is a pure function of the body and the parts, so a verifier rebuilds it and compares
 * it byte for byte: nothing can be changed or appended after the signed body without being seen.
 */
export async function signatureUpdate(body: ByteSource, parts: SignatureParts): Promise<Buffer> {
  const pdf = await XrefReader.open(body)
  const catalogRef = pdf.trailer.get(PDFName.of('Root'))
  if (!(catalogRef instanceof PDFRef)) throw new Error('The PDF has no catalog to sign.')
  const catalog = await pdf.resolve(catalogRef)
  if (!(catalog instanceof PDFDict)) throw new Error('The PDF catalog could not be read.')
  const namesRef = catalog.get(PDFName.of('Names'))
  const names = await pdf.resolve(namesRef)
  if (!(namesRef instanceof PDFRef) || !(names instanceof PDFDict)) throw new Error('The PDF has no name dictionary.')

  const embedded: EmbeddedPart[] = [
    {
      name: MANIFEST_FILE,
      mediaType: 'application/json',
      description: 'Signed manifest of this evidence pack',
      content: parts.manifest
    },
    {
      name: SIGNATURE_FILE,
      mediaType: 'text/plain',
      description: 'Ed25519 signature of the manifest (base64)',
      content: Buffer.from(parts.signature)
    },
    {
      name: PUBLIC_KEY_FILE,
      mediaType: 'application/x-pem-file',
      description: 'Public key that checks the signature',
      content: Buffer.from(parts.publicKeyPem)
    }
  ]
  const first = pdf.largestObjectNumber + 1
  const objects = new Map<number, Buffer>()
  const fileSpecs: { name: string; ref: string }[] = []
  embedded.forEach((part, index) => {
    const streamNumber = first + index * 2
    const specNumber = streamNumber + 1
    const subtype = `/${part.mediaType.replace('/', '#2F')}`
    objects.set(
      streamNumber,
      Buffer.concat([
        Buffer.from(
          `${streamNumber} 0 obj\n<<\n/Type /EmbeddedFile\n/Subtype ${subtype}\n/Params << /Size ${part.content.length} /ModDate ${literal(pdfDate(parts.date))} >>\n/Length ${part.content.length}\n>>\nstream\n`,
          'latin1'
        ),
        part.content,
        Buffer.from('\nendstream\nendobj\n', 'latin1')
      ])
    )
    objects.set(
      specNumber,
      Buffer.from(
        `${specNumber} 0 obj\n<<\n/Type /Filespec\n/F ${literal(part.name)}\n/UF ${literal(part.name)}\n/Desc ${literal(part.description)}\n/AFRelationship /Data\n/EF << /F ${streamNumber} 0 R >>\n>>\nendobj\n`,
        'latin1'
      )
    )
    fileSpecs.push({ name: part.name, ref: `${specNumber} 0 R` })
  })

  // The name dictionary again, with the signature's files added to the sorted embedded-files list.
  const entries: { key: string; value: string }[] = []
  const tree = await pdf.resolve(names.get(PDFName.of('EmbeddedFiles')))
  const existing = tree instanceof PDFDict ? await pdf.resolve(tree.get(PDFName.of('Names'))) : undefined
  if (existing instanceof PDFArray) {
    const items = existing.asArray()
    for (let index = 0; index + 1 < items.length; index += 2) {
      entries.push({ key: keyText(await pdf.resolve(items[index])), value: items[index + 1]!.toString() })
    }
  }
  for (const spec of fileSpecs) entries.push({ key: spec.name, value: spec.ref })
  entries.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
  const otherNames = names
    .entries()
    .filter(([key]) => key !== PDFName.of('EmbeddedFiles'))
    .map(([key, value]) => `${key.toString()} ${value.toString()}`)
  objects.set(
    namesRef.objectNumber,
    Buffer.from(
      `${namesRef.objectNumber} 0 obj\n<<\n${otherNames.join('\n')}${otherNames.length ? '\n' : ''}/EmbeddedFiles << /Names [${entries.map((entry) => `${literal(entry.key)} ${entry.value}`).join(' ')}] >>\n>>\nendobj\n`,
      'latin1'
    )
  )

  // The catalog again, its associated files extended by the signature's.
  const af = await pdf.resolve(catalog.get(PDFName.of('AF')))
  const associated = [
    ...(af instanceof PDFArray ? af.asArray().map((item) => item.toString()) : []),
    ...fileSpecs.map((spec) => spec.ref)
  ]
  const catalogEntries = catalog
    .entries()
    .filter(([key]) => key !== PDFName.of('AF'))
    .map(([key, value]) => `${key.toString()} ${value.toString()}`)
  objects.set(
    catalogRef.objectNumber,
    Buffer.from(
      `${catalogRef.objectNumber} 0 obj\n<<\n${catalogEntries.join('\n')}\n/AF [${associated.join(' ')}]\n>>\nendobj\n`,
      'latin1'
    )
  )

  const size = Math.max(first + embedded.length * 2, pdf.largestObjectNumber + 1)
  return incrementalUpdate(pdf, body.size, objects, size)
}

/**
 * The bytes of an incremental update appended to a file of `bodySize` bytes: a blank line, the
 * objects in number order, their cross-reference section and a trailer pointing back to the
 * previous one (the catalog, information dictionary and file id carried over).
 */
export function incrementalUpdate(
  pdf: XrefReader,
  bodySize: number,
  objects: Map<number, Buffer>,
  size: number
): Buffer {
  const catalogRef = pdf.trailer.get(PDFName.of('Root'))!
  const numbers = [...objects.keys()].sort((a, b) => a - b)
  const chunks: Buffer[] = [Buffer.from('\n', 'latin1')]
  const offsets = new Map<number, number>()
  let position = bodySize + 1
  for (const number of numbers) {
    offsets.set(number, position)
    const object = objects.get(number)!
    chunks.push(object)
    position += object.length
  }
  const xrefOffset = position
  const lines = ['xref']
  for (let index = 0; index < numbers.length;) {
    let end = index
    while (end + 1 < numbers.length && numbers[end + 1] === numbers[end]! + 1) end++
    lines.push(`${numbers[index]} ${end - index + 1}`)
    for (let item = index; item <= end; item++)
      lines.push(`${String(offsets.get(numbers[item]!)).padStart(10, '0')} 00000 n `)
    index = end + 1
  }
  const trailerEntries = [`/Size ${size}`, `/Root ${catalogRef.toString()}`]
  const info = pdf.trailer.get(PDFName.of('Info'))
  const id = pdf.trailer.get(PDFName.of('ID'))
  if (info) trailerEntries.push(`/Info ${info.toString()}`)
  if (id) trailerEntries.push(`/ID ${id.toString()}`)
  trailerEntries.push(`/Prev ${pdf.startXref}`)
  lines.push('trailer', `<<\n${trailerEntries.join('\n')}\n>>`, 'startxref', String(xrefOffset), '%%EOF', '')
  chunks.push(Buffer.from(lines.join('\n'), 'latin1'))
  return Buffer.concat(chunks)
}
