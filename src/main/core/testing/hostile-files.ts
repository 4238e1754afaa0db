import { createWriteStream } from 'node:fs'
import { once } from 'node:events'
import { constants, crc32, deflateRawSync } from 'node:zlib'

/*
 * Files built to exhaust memory, generated in the tests (never committed): a few megabytes that
 * expand to gigabytes. Deflate blocks of zeros are made once and repeated, so making a 2 GiB bomb
 * takes milliseconds and no memory.
 */

const MiB = 1024 * 1024

/** Raw deflate data expanding to `bytes` zeros (a multiple of 1 MiB), and the zeros' CRC-32. */
export function zeroDeflate(bytes: number): { data: Buffer; crc: number } {
  const zeros = Buffer.alloc(MiB)
  // A full flush ends the block and resets the dictionary: the chunk can be repeated as is.
  const block = deflateRawSync(zeros, { level: 9, finishFlush: constants.Z_FULL_FLUSH })
  const count = bytes / MiB
  let crc = 0
  for (let index = 0; index < count; index++) crc = crc32(zeros, crc)
  const end = deflateRawSync(Buffer.alloc(0))
  return { data: Buffer.concat([...Array<Buffer>(count).fill(block), end]), crc }
}

/** zlib data (a PDF's FlateDecode) expanding to `bytes` zeros (a multiple of 1 MiB). */
export function zeroFlate(bytes: number): Buffer {
  const { data } = zeroDeflate(bytes)
  const adler = Buffer.alloc(4)
  // The Adler-32 of n zeros: a stays 1, b is n modulo 65521.
  adler.writeUInt32BE((((bytes % 65521) << 16) | 1) >>> 0)
  return Buffer.concat([Buffer.from([0x78, 0xda]), data, adler])
}

export interface RawZipMember {
  name: string
  /** The bytes as stored: deflated data when `deflated`, else the content itself. */
  stored: Buffer
  deflated: boolean
  crc: number
  size: number
  /** Written into the file but left out of the central directory: a member only some tools see. */
  hidden?: boolean
}

export const storedMember = (name: string, content: Buffer): RawZipMember => ({
  name,
  stored: content,
  deflated: false,
  crc: crc32(content),
  size: content.length
})

/** Writes a ZIP by hand, so a member can declare any size and hold any deflate data. */
export async function writeRawZip(path: string, members: RawZipMember[], comment = ''): Promise<void> {
  const out = createWriteStream(path)
  const central: Buffer[] = []
  let offset = 0
  const write = async (chunk: Buffer): Promise<void> => {
    offset += chunk.length
    if (!out.write(chunk)) await once(out, 'drain')
  }
  for (const member of members) {
    const name = Buffer.from(member.name, 'utf8')
    const header = Buffer.alloc(30)
    header.writeUInt32LE(0x04034b50, 0)
    header.writeUInt16LE(20, 4)
    header.writeUInt16LE(0x0800, 6)
    header.writeUInt16LE(member.deflated ? 8 : 0, 8)
    header.writeUInt32LE(member.crc >>> 0, 14)
    header.writeUInt32LE(member.stored.length, 18)
    header.writeUInt32LE(member.size >>> 0, 22)
    header.writeUInt16LE(name.length, 26)
    const entry = Buffer.alloc(46)
    entry.writeUInt32LE(0x02014b50, 0)
    entry.writeUInt16LE(20, 4)
    entry.writeUInt16LE(20, 6)
    header.copy(entry, 8, 6, 30)
    entry.writeUInt32LE(offset, 42)
    if (!member.hidden) central.push(entry, name)
    await write(header)
    await write(name)
    await write(member.stored)
  }
  const directory = Buffer.concat(central)
  const listed = members.filter((member) => !member.hidden).length
  const note = Buffer.from(comment, 'utf8')
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(listed, 8)
  end.writeUInt16LE(listed, 10)
  end.writeUInt32LE(directory.length, 12)
  end.writeUInt32LE(offset, 16)
  end.writeUInt16LE(note.length, 20)
  await write(directory)
  await write(end)
  await write(note)
  out.end()
  await once(out, 'finish')
}

/** A PDF of objects given as text (stream data as bytes), with a classic cross-reference table. */
export function rawPdf(objects: (string | Buffer)[], root = 1): Buffer {
  const parts: Buffer[] = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')]
  const offsets: number[] = []
  let length = parts[0]!.length
  objects.forEach((object, index) => {
    offsets.push(length)
    const bytes = Buffer.concat([
      Buffer.from(`${index + 1} 0 obj\n`, 'latin1'),
      typeof object === 'string' ? Buffer.from(object, 'latin1') : object,
      Buffer.from('\nendobj\n', 'latin1')
    ])
    parts.push(bytes)
    length += bytes.length
  })
  const xref = [
    'xref',
    `0 ${objects.length + 1}`,
    '0000000000 65535 f ',
    ...offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n `),
    'trailer',
    `<< /Size ${objects.length + 1} /Root ${root} 0 R >>`,
    'startxref',
    String(length),
    '%%EOF',
    ''
  ].join('\n')
  parts.push(Buffer.from(xref, 'latin1'))
  return Buffer.concat(parts)
}

const stream = (dictionary: string, data: Buffer): Buffer =>
  Buffer.concat([
    Buffer.from(`<< ${dictionary} /Length ${data.length} >>\nstream\n`, 'latin1'),
    data,
    Buffer.from('\nendstream', 'latin1')
  ])

/** A one-page PDF with one attachment whose Flate data expands to `bytes` zeros. */
export function flateBombPdf(bytes: number): Buffer {
  return rawPdf([
    '<< /Type /Catalog /Pages 2 0 R /Names << /EmbeddedFiles << /Names [(report.pdf) 4 0 R] >> >> >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>',
    '<< /Type /Filespec /F (report.pdf) /UF (report.pdf) /EF << /F 5 0 R >> >>',
    stream('/Type /EmbeddedFile /Subtype /application#2Fpdf /Filter /FlateDecode', zeroFlate(bytes))
  ])
}

/** A PDF whose object stream expands to `bytes` zeros. */
export function objectStreamBombPdf(bytes: number): Buffer {
  return rawPdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>',
    stream('/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode', zeroFlate(bytes))
  ])
}
