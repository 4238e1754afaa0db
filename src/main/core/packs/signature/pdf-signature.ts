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

  const treeRef = names.get(PDFName.of('EmbeddedFiles'))
  const tree = await pdf.resolve(treeRef)
  let size = Math.max(first + embedded.length * 2, pdf.largestObjectNumber + 1)
  if (treeRef instanceof PDFRef && tree instanceof PDFDict && tree.has(PDFName.of('Kids'))) {
    // A tree of leaves: its root and the leaves the signature's files fall in are written again.
    size = await addToNameTree(pdf, treeRef.objectNumber, tree, fileSpecs, objects, size)
  } else {
    await addToFlatNames(pdf, namesRef.objectNumber, names, tree, fileSpecs, objects)
  }

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

  return incrementalUpdate(pdf, body.size, objects, size)
}

interface NameEntry {
  key: string
  /** The value as written ("12 0 R"). */
  value: string
}

const byKey = (a: NameEntry, b: NameEntry): number => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)

/** The key and value pairs of a /Names array. */
async function nameEntries(pdf: XrefReader, array: PDFObject | undefined): Promise<NameEntry[]> {
  const entries: NameEntry[] = []
  const resolved = await pdf.resolve(array)
  if (!(resolved instanceof PDFArray)) return entries
  const items = resolved.asArray()
  for (let index = 0; index + 1 < items.length; index += 2) {
    entries.push({ key: keyText(await pdf.resolve(items[index])), value: items[index + 1]!.toString() })
  }
  return entries
}

const leafBytes = (number: number, entries: NameEntry[]): Buffer =>
  Buffer.from(
    `${number} 0 obj\n<<\n/Limits [${literal(entries[0]!.key)} ${literal(entries.at(-1)!.key)}]\n/Names [${entries.map((entry) => `${literal(entry.key)} ${entry.value}`).join(' ')}]\n>>\nendobj\n`,
    'latin1'
  )

/**
 * The signature's files added to an embedded-files tree whose root has leaves as its /Kids (as
 * Evidence Desk writes it): a file whose name falls within a leaf's limits is added to that leaf,
 * written again; files that fall between leaves (or before or after them all) get a leaf of their
 * own; the root is written again with its kids in order. Returns the update's /Size.
 */
async function addToNameTree(
  pdf: XrefReader,
  rootNumber: number,
  root: PDFDict,
  added: { name: string; ref: string }[],
  objects: Map<number, Buffer>,
  size: number
): Promise<number> {
  const kidsArray = await pdf.resolve(root.get(PDFName.of('Kids')))
  if (!(kidsArray instanceof PDFArray)) throw new Error('The PDF’s list of attached files cannot be read.')
  const leaves: { kid: PDFRef; ref: string; number: number; low: string; high: string }[] = []
  for (const kid of kidsArray.asArray()) {
    const leaf = await pdf.resolve(kid)
    const limits = leaf instanceof PDFDict ? await pdf.resolve(leaf.get(PDFName.of('Limits'))) : undefined
    if (!(kid instanceof PDFRef) || !(limits instanceof PDFArray) || limits.size() !== 2) {
      throw new Error('The PDF’s list of attached files cannot be read.')
    }
    const [low, high] = await Promise.all([pdf.resolve(limits.get(0)), pdf.resolve(limits.get(1))])
    leaves.push({ kid, ref: kid.toString(), number: kid.objectNumber, low: keyText(low), high: keyText(high) })
  }
  const entries = added.map((spec) => ({ key: spec.name, value: spec.ref })).sort(byKey)
  // Each new entry goes into the leaf whose limits hold it, or into the gap before leaf `gap`.
  const into = new Map<number, NameEntry[]>()
  const gaps = new Map<number, NameEntry[]>()
  for (const entry of entries) {
    const within = leaves.findIndex((leaf) => leaf.low <= entry.key && entry.key <= leaf.high)
    if (within >= 0) into.set(within, [...(into.get(within) ?? []), entry])
    else {
      const gap = leaves.filter((leaf) => leaf.high < entry.key).length
      gaps.set(gap, [...(gaps.get(gap) ?? []), entry])
    }
  }
  const kids: string[] = []
  for (let index = 0; index <= leaves.length; index++) {
    const between = gaps.get(index)
    if (between) {
      const number = size++
      objects.set(number, leafBytes(number, between))
      kids.push(`${number} 0 R`)
    }
    const leaf = leaves[index]
    if (!leaf) continue
    const adding = into.get(index)
    if (adding) {
      const current = await pdf.resolve(leaf.kid)
      const existing = current instanceof PDFDict ? await nameEntries(pdf, current.get(PDFName.of('Names'))) : []
      objects.set(leaf.number, leafBytes(leaf.number, [...existing, ...adding].sort(byKey)))
    }
    kids.push(leaf.ref)
  }
  objects.set(rootNumber, Buffer.from(`${rootNumber} 0 obj\n<<\n/Kids [${kids.join(' ')}]\n>>\nendobj\n`, 'latin1'))
  return size
}

/**
 * The name dictionary written again with the signature's files added to a flat embedded-files
 * list (/Names in the tree's root, as packs were written before their trees had leaves): kept
 * as it was, so those packs' signatures are rebuilt byte for byte when they are verified.
 */
async function addToFlatNames(
  pdf: XrefReader,
  namesNumber: number,
  names: PDFDict,
  tree: PDFObject | undefined,
  fileSpecs: { name: string; ref: string }[],
  objects: Map<number, Buffer>
): Promise<void> {
  // The name dictionary again, with the signature's files added to the sorted embedded-files list.
  const entries = tree instanceof PDFDict ? await nameEntries(pdf, tree.get(PDFName.of('Names'))) : []
  for (const spec of fileSpecs) entries.push({ key: spec.name, value: spec.ref })
  entries.sort(byKey)
  const otherNames = names
    .entries()
    .filter(([key]) => key !== PDFName.of('EmbeddedFiles'))
    .map(([key, value]) => `${key.toString()} ${value.toString()}`)
  objects.set(
    namesNumber,
    Buffer.from(
      `${namesNumber} 0 obj\n<<\n${otherNames.join('\n')}${otherNames.length ? '\n' : ''}/EmbeddedFiles << /Names [${entries.map((entry) => `${literal(entry.key)} ${entry.value}`).join(' ')}] >>\n>>\nendobj\n`,
      'latin1'
    )
  )
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
