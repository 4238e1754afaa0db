import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import PDFDocument from 'pdfkit'
import { afterAll, describe, expect, it } from 'vitest'
import { tool } from '../testing/pack-test-tools'
import { MANIFEST_FILE, PUBLIC_KEY_FILE, SIGNATURE_FILE, signatureUpdate } from '../signature/pdf-signature'
import { bufferSource, XrefReader } from '../signature/xref-reader'
import { embeddedFiles } from '../verify/pdf-structure'
import { TREE_LEAF_ENTRIES, writeNameTrees } from './trees'

const work = mkdtempSync(join(tmpdir(), 'evidence-desk-trees-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

/** A PDF with a named destination and an attached file for each name, its name trees written by writeNameTrees. */
function pdfWith(names: string[], trees = true): Promise<Buffer> {
  const doc = new PDFDocument({ compress: false })
  const chunks: Buffer[] = []
  doc.on('data', (chunk: Buffer) => chunks.push(chunk))
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))))
  doc.text('Trees')
  for (const name of names) {
    doc.addNamedDestination(`to-${name}`)
    doc.file(Buffer.from(`content of ${name}\n`), { name, type: 'text/plain' })
  }
  if (trees) writeNameTrees(doc)
  doc.end()
  return done
}

type Value = string | number | Value[] | { [key: string]: Value }

/** A name tree as qpdf reads it: its keys in order, each leaf's limits checked against its keys. */
function treeKeys(path: string, tree: '/Dests' | '/EmbeddedFiles'): { keys: string[]; leaves: number } {
  const json = JSON.parse(tool('qpdf', ['--json', '--json-key=qpdf', path]).stdout) as {
    qpdf: [unknown, Record<string, { value?: Value }>]
  }
  const objects = json.qpdf[1]
  const resolve = (value: Value): Value =>
    typeof value === 'string' && / R$/.test(value) ? objects[`obj:${value}`]!.value! : value
  const text = (value: Value): string => String(value).replace(/^u:/, '')
  const catalog = resolve((objects.trailer!.value as Record<string, Value>)['/Root']!) as Record<string, Value>
  const names = resolve(catalog['/Names']!) as Record<string, Value>
  const keys: string[] = []
  let leaves = 0
  const walk = (node: Record<string, Value>): void => {
    const pairs = node['/Names'] ? (resolve(node['/Names']) as Value[]) : []
    const start = keys.length
    for (let index = 0; index < pairs.length; index += 2) keys.push(text(pairs[index]!))
    if (node['/Limits']) {
      leaves++
      expect((node['/Limits'] as Value[]).map(text)).toEqual([keys[start], keys.at(-1)])
    }
    for (const kid of node['/Kids'] ? (resolve(node['/Kids']) as Value[]) : [])
      walk(resolve(kid) as Record<string, Value>)
  }
  walk(resolve(names[tree]!) as Record<string, Value>)
  return { keys, leaves }
}

const sorted = (keys: string[]): string[] => [...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))

/** Signs `body` (the manifest's update) and checks the result with qpdf, pdfdetach and the pack's own reader. */
async function signAndRead(
  body: Buffer,
  file: string
): Promise<{ listed: string[]; keys: string[]; leaves: number; update: Buffer }> {
  const update = await signatureUpdate(bufferSource(body), {
    manifest: Buffer.from('{"format":"test"}\n'),
    signature: 'c2lnbmF0dXJl',
    publicKeyPem: '-----BEGIN PUBLIC KEY-----\n-----END PUBLIC KEY-----\n',
    date: new Date('2026-01-01T00:00:00Z')
  })
  const path = join(work, file)
  const signed = Buffer.concat([body, update])
  writeFileSync(path, signed)
  expect(tool('qpdf', ['--check', path]).code).toBe(0)
  const listed = tool('pdfdetach', ['-list', path])
    .stdout.split('\n')
    .slice(1)
    .filter(Boolean)
    .map((line) => line.replace(/^\d+: /, ''))
  const read = (await embeddedFiles(await XrefReader.open(bufferSource(signed)))).map((file) => file.name)
  expect(read).toEqual(listed)
  // The update rebuilt from the same body is the same bytes (what verification compares).
  expect(
    await signatureUpdate(bufferSource(body), {
      manifest: Buffer.from('{"format":"test"}\n'),
      signature: 'c2lnbmF0dXJl',
      publicKeyPem: '-----BEGIN PUBLIC KEY-----\n-----END PUBLIC KEY-----\n',
      date: new Date('2026-01-01T00:00:00Z')
    })
  ).toEqual(update)
  return { listed, update, ...treeKeys(path, '/EmbeddedFiles') }
}

const SIGNATURE_FILES = [MANIFEST_FILE, SIGNATURE_FILE, PUBLIC_KEY_FILE]
const numbered = (prefix: string, count: number): string[] =>
  Array.from({ length: count }, (_, index) => `${prefix}-${String(index).padStart(4, '0')}.txt`)

describe('name trees written as leaves', () => {
  it('writes named destinations and attached files as leaves in key order, each with its limits', async () => {
    // Given out of order, more than two leaves' worth.
    const names = numbered('EV', TREE_LEAF_ENTRIES * 2 + 100).reverse()
    const path = join(work, 'trees.pdf')
    writeFileSync(path, await pdfWith(names))
    expect(tool('qpdf', ['--check', path]).code).toBe(0)

    const files = treeKeys(path, '/EmbeddedFiles')
    expect(files.leaves).toBe(3)
    expect(files.keys).toEqual(sorted(names))
    const dests = treeKeys(path, '/Dests')
    expect(dests.leaves).toBe(3)
    expect(dests.keys).toEqual(sorted(names.map((name) => `to-${name}`)))
    expect(tool('pdfdetach', ['-list', path]).stdout).toContain(`${names.length} embedded files`)
  })

  it('adds the signature’s files after the last leaf when their names sort last, as a pack’s do', async () => {
    const names = numbered('EV', TREE_LEAF_ENTRIES + 10)
    const { listed, keys, leaves } = await signAndRead(await pdfWith(names), 'after.pdf')
    expect(leaves).toBe(3)
    expect(keys).toEqual(sorted([...names, ...SIGNATURE_FILES]))
    expect(listed).toEqual(keys)
  })

  it('adds them between two leaves when their names fall between those leaves’ limits', async () => {
    // One leaf of names before the signature's files, one after ("evidence-d…" sorts between).
    const names = [...numbered('evidence-c', TREE_LEAF_ENTRIES), ...numbered('evidence-e', 20)]
    const { keys, leaves } = await signAndRead(await pdfWith(names), 'between.pdf')
    expect(leaves).toBe(3)
    expect(keys).toEqual(sorted([...names, ...SIGNATURE_FILES]))
  })

  it('adds them into the leaf whose limits hold their names, written again', async () => {
    // The second leaf runs from "evidence-c-0512…" to "evidence-e-…": the signature's files fall inside it.
    const names = [...numbered('evidence-c', TREE_LEAF_ENTRIES + 50), ...numbered('evidence-e', TREE_LEAF_ENTRIES)]
    const { keys, leaves } = await signAndRead(await pdfWith(names), 'within.pdf')
    expect(leaves).toBe(3)
    expect(keys).toEqual(sorted([...names, ...SIGNATURE_FILES]))
  })

  it('adds them to a flat list of attached files as before, so packs written that way verify as they did', async () => {
    const names = numbered('EV', 20)
    const { listed, keys, leaves, update } = await signAndRead(await pdfWith(names, false), 'flat.pdf')
    expect(leaves).toBe(0)
    expect(keys).toEqual(sorted([...names, ...SIGNATURE_FILES]))
    expect(listed).toEqual(keys)
    // The name dictionary written again with the whole list in it, named destinations carried over.
    expect(update.toString('latin1')).toMatch(/\/Dests <<\n\/Limits [^]*\/EmbeddedFiles << \/Names \[\(EV-0000\.txt\)/)
  })
})
