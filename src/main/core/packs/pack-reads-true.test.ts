import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ADDRESSABLE_DECISION_LABELS } from '../../../shared/compliance/results'
import type { Register } from '../register'
import { openSampleRegister } from '../testing/temp-register'
import { tool } from './testing/pack-test-tools'
import { all, bookmarks, structureTree, tableAfter } from './testing/pdf-structure-tools'

/**
 * The sample organisation's packs read as an assessor reads them: with poppler and qpdf, page by
 * page. What the pack says must be what the register holds, nothing cut, nothing repeated.
 */

let register: Register
let dataDir: string
let cleanup: () => void
const flat = (text: string): string => text.replace(/\s+/g, ' ')

beforeAll(async () => {
  ;({ register, dataDir, cleanup } = await openSampleRegister())
}, 60_000)
afterAll(() => cleanup())

async function exportPack(
  frameworks: string[],
  scope: string[] = []
): Promise<{ pdf: string; text: string; pages: number }> {
  const production = register.organisation.accounts().filter((account) => scope.includes(account.name))
  const { start, end } = register.settings.auditPeriod()
  const result = await register.packs.export(
    {
      name: `${frameworks.join(' and ')} assessment`,
      frameworks,
      scope: { accounts: production.map((account) => account.accountId), organizationalUnits: [] },
      periodStart: start,
      periodEnd: end,
      organisation: 'Harbor Bean Coffee Co.',
      auditor: 'Example QSA LLC',
      preparer: 'Maya Chen',
      id: null,
      controls: []
    },
    { pdf: join(dataDir, 'out', `${frameworks.join('-')}.pdf`), zip: null }
  )
  const text = tool('pdftotext', ['-layout', result.pdf!, '-'])
  expect(text.code).toBe(0)
  return { pdf: result.pdf!, text: text.stdout, pages: result.pages }
}

describe('the sample organisation’s PCI DSS pack (the cardholder data environment: Production)', () => {
  let pack: { pdf: string; text: string; pages: number }
  beforeAll(async () => {
    pack = await exportPack(['pci'], ['Production'])
  }, 120_000)

  it('is a sound PDF of at most 45 pages, titled and authored as the pack', () => {
    expect(tool('qpdf', ['--check', pack.pdf]).code).toBe(0)
    const info = tool('pdfinfo', [pack.pdf]).stdout
    expect(Number(/^Pages:\s+(\d+)$/m.exec(info)![1])).toBe(pack.pages)
    expect(pack.pages).toBeLessThanOrEqual(45)
    expect(info).toMatch(/^Title:\s+Harbor Bean Coffee Co\.: pci assessment$/m)
    expect(info).toMatch(/^Author:\s+Maya Chen$/m)
  })

  it('cuts nothing: no text anywhere ends in an ellipsis', () => {
    expect(pack.text).not.toContain('…')
  })

  it('prints every not-applicable reason the register holds for its requirements and controls', () => {
    const text = flat(pack.text)
    const reasons = new Set<string>()
    for (const node of register.frameworks.tree('pci')) {
      if (node.assessable && node.result === 'not-applicable') for (const reason of node.reasons) reasons.add(reason)
    }
    expect(reasons.size).toBeGreaterThan(3)
    for (const reason of reasons) expect(text, reason).toContain(flat(reason))
    const dat08 = register.controls.get('DAT-08')
    expect(dat08.status).toBe('not-applicable')
    expect(text).toContain(flat(dat08.notApplicableReason))
  })

  it('describes each control once, and cites it everywhere else', () => {
    const text = flat(pack.text)
    const statement = flat(register.controls.get('PHY-04').statement).slice(0, 120)
    expect(text.split(statement)).toHaveLength(2)
  })

  it('says when the AWS reports leave part of the period uncovered', () => {
    expect(flat(pack.text)).toMatch(
      /AWS SOC 2 reports leave \d{4}-\d\d-\d\d to \d{4}-\d\d-\d\d .*uncovered: a bridge letter is needed/
    )
  })

  it('keeps its audit appendix to what the pack covers, and prints the head of the chain', () => {
    const appendix = pack.text.slice(
      pack.text.lastIndexOf('Appendix: audit log'),
      pack.text.lastIndexOf('How to verify this pack')
    )
    const pciControls = new Set(register.controls.list({ framework: 'pci' }).map((control) => control.id))
    const gdprOnly = register.controls.list({ framework: 'gdpr' }).filter((control) => !pciControls.has(control.id))
    expect(gdprOnly.length).toBeGreaterThan(0)
    for (const control of gdprOnly) expect(appendix, control.id).not.toMatch(new RegExp(`\\b${control.id}\\b`))
    expect(appendix).not.toMatch(/Loaded the GDPR/)
    // The export's own entry comes after the pack was made: the head printed is the one before it.
    const [exported, head] = register.audit.list({ limit: 2 })
    expect(exported!.action).toBe('pack.export')
    expect(flat(appendix)).toContain(`entry ${head!.seq} ${head!.hash}`)
  })

  it('prints body text at 9 pt and nothing smaller than 8 pt', async () => {
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs')
    const task = pdfjs.getDocument({
      data: new Uint8Array(readFileSync(pack.pdf)),
      disableFontFace: true,
      verbosity: 0
    })
    const document = await task.promise
    const sizes = new Map<number, number>()
    for (let number = 1; number <= document.numPages; number++) {
      const page = await document.getPage(number)
      for (const item of (await page.getTextContent()).items) {
        if (!('str' in item) || !item.str.trim()) continue
        const size = Math.round(Math.hypot(item.transform[0], item.transform[1]) * 10) / 10
        sizes.set(size, (sizes.get(size) ?? 0) + item.str.length)
      }
    }
    await task.destroy()
    expect(Math.min(...sizes.keys())).toBeGreaterThanOrEqual(8)
    expect(sizes.get(9)).toBeGreaterThan(0)
  })

  describe('read as assistive technology reads it: its structure tree, catalog and bookmarks', () => {
    it('is marked as tagged, in English, shows its title in the window, and still claims PDF/A-3b', () => {
      const info = tool('pdfinfo', [pack.pdf]).stdout
      expect(info).toMatch(/^Tagged:\s+yes$/m)
      expect(info).toMatch(/^Title:\s+Harbor Bean Coffee Co\.: pci assessment$/m)
      const root = /\/Root (\d+) 0 R/.exec(tool('qpdf', ['--show-object=trailer', pack.pdf]).stdout)![1]!
      const catalog = tool('qpdf', [`--show-object=${root}`, pack.pdf]).stdout
      expect(catalog).toMatch(/\/Lang \(en-GB\)/)
      expect(catalog).toMatch(/\/StructTreeRoot \d+ 0 R/)
      const markInfo = /\/MarkInfo (\d+) 0 R/.exec(catalog)![1]!
      expect(tool('qpdf', [`--show-object=${markInfo}`, pack.pdf]).stdout).toMatch(/\/Marked true/)
      const viewer = /\/ViewerPreferences (\d+) 0 R/.exec(catalog)![1]!
      expect(tool('qpdf', [`--show-object=${viewer}`, pack.pdf]).stdout).toMatch(/\/DisplayDocTitle true/)
      // Still claims PDF/A-3b (and only that) in its metadata.
      const metadata = tool('qpdf', [
        `--show-object=${/\/Metadata (\d+) 0 R/.exec(catalog)![1]}`,
        '--filtered-stream-data',
        pack.pdf
      ])
      expect(metadata.stdout).toContain('<pdfaid:part>3</pdfaid:part>')
      expect(metadata.stdout).toContain('<pdfaid:conformance>B</pdfaid:conformance>')
    })

    it('has a heading for every bookmark, in the same order, under one Document element', () => {
      const tree = structureTree(pack.pdf)
      expect(tree.kids.map((node) => node.type)).toEqual(['Document'])
      const headings = all(tree)
        .filter((node) => /^H[1-3]$/.test(node.type))
        .map((node) => flat(node.title))
      const titles = bookmarks(pack.pdf).map(flat)
      expect(titles.length).toBeGreaterThan(10)
      let at = 0
      for (const title of titles) {
        const found = headings.indexOf(title, at)
        expect(found, title).toBeGreaterThanOrEqual(0)
        at = found + 1
      }
    })

    it('puts every link in a Link element with its text and its annotation, which names the element and says where it goes', () => {
      // pdfinfo: each Link element holds an object reference (OBJR), listed as "Object N 0".
      const links = all(structureTree(pack.pdf)).filter((node) => node.type === 'Link')
      expect(links.length).toBeGreaterThan(50)
      for (const link of links) expect(link.kids.filter((kid) => kid.type === 'Object')).toHaveLength(1)
      // qpdf: every link annotation has /StructParent and /Contents; the parent tree maps the key to a
      // Link element whose kids are the annotation (OBJR) and, for a link on text, the text's marked content.
      type Value = string | number | Value[] | { [key: string]: Value }
      const json = JSON.parse(tool('qpdf', ['--json', '--json-key=qpdf', pack.pdf]).stdout) as {
        qpdf: [unknown, Record<string, { value?: Value }>]
      }
      const objects = json.qpdf[1]
      const resolve = (value: Value): Value =>
        typeof value === 'string' && / R$/.test(value) ? objects[`obj:${value}`]!.value! : value
      const dictionaries = Object.entries(objects).flatMap(([key, object]) =>
        object.value && typeof object.value === 'object' && !Array.isArray(object.value)
          ? [[key.replace(/^obj:/, ''), object.value] as const]
          : []
      )
      const annotations = dictionaries.filter(([, value]) => value['/Subtype'] === '/Link')
      expect(annotations).toHaveLength(links.length)
      const root = dictionaries.find(([, value]) => value['/Type'] === '/StructTreeRoot')![1]
      // The parent tree is a number tree: a root whose /Kids are leaves (or one /Nums), each leaf's
      // /Limits its first and last key, the keys in order across the leaves.
      const parents = new Map<number, Value>()
      const keys: number[] = []
      const walk = (node: Record<string, Value>): void => {
        const nums = node['/Nums'] ? (resolve(node['/Nums']) as Value[]) : []
        const start = keys.length
        for (let index = 0; index < nums.length; index += 2) {
          keys.push(nums[index] as number)
          parents.set(nums[index] as number, nums[index + 1]!)
        }
        if (node['/Limits'] && nums.length) expect(node['/Limits']).toEqual([keys[start], keys.at(-1)])
        for (const kid of node['/Kids'] ? (resolve(node['/Kids']) as Value[]) : []) {
          walk(resolve(kid) as Record<string, Value>)
        }
      }
      walk(resolve(root['/ParentTree']!) as Record<string, Value>)
      expect(keys).toEqual([...keys].sort((a, b) => a - b))
      expect(new Set(keys).size).toBe(keys.length)
      let onText = 0
      for (const [ref, annotation] of annotations) {
        expect(String(annotation['/Contents']), ref).toMatch(/^u:(Go to|Page number of) \S/)
        const element = resolve(parents.get(annotation['/StructParent'] as number)!) as Record<string, Value>
        expect(element['/S'], ref).toBe('/Link')
        const kids = [element['/K']!].flat()
        expect(kids.filter((kid) => typeof kid === 'object' && (kid as Record<string, Value>)['/Obj'] === ref)).toEqual(
          [expect.objectContaining({ '/Type': '/OBJR' })]
        )
        if (kids.some((kid) => typeof kid === 'number')) onText++
      }
      // Links on text hold the text too; only the page numbers of the contents and open items (printed
      // once every page is known, as page furniture) hold their annotation alone.
      expect(onText).toBeGreaterThan(annotations.length / 2)

      // Every link goes straight to a named destination the document has (its /Dest, no action).
      const catalog = dictionaries.find(([, value]) => value['/Type'] === '/Catalog')![1]
      const named = new Set<Value>()
      const collect = (node: Record<string, Value>): void => {
        const names = node['/Names'] ? (resolve(node['/Names']) as Value[]) : []
        for (let index = 0; index < names.length; index += 2) named.add(names[index]!)
        for (const kid of node['/Kids'] ? (resolve(node['/Kids']) as Value[]) : []) {
          collect(resolve(kid) as Record<string, Value>)
        }
      }
      collect(resolve((resolve(catalog['/Names']!) as Record<string, Value>)['/Dests']!) as Record<string, Value>)
      expect(named.size).toBeGreaterThan(50)
      for (const [ref, annotation] of annotations) {
        expect(annotation['/A'], ref).toBeUndefined()
        expect(named.has(annotation['/Dest']!), `${ref} goes to ${String(annotation['/Dest'])}`).toBe(true)
      }
    })

    it('gives the matrix and the evidence index tables with column header cells, and a data cell per column', () => {
      const tree = structureTree(pack.pdf)
      for (const [heading, columns] of [
        ['Shared-responsibility matrix', 6],
        ['PCI DSS Report on Compliance', 4]
      ] as const) {
        const table = tableAfter(tree, heading)
        expect(table.kids.map((kid) => kid.type)).toEqual(['THead', 'TBody'])
        const [header] = table.kids[0]!.kids
        expect(header!.kids).toHaveLength(columns)
        for (const cell of header!.kids) {
          expect(cell.type).toBe('TH')
          expect(cell.attributes).toContain('/Scope /Column')
        }
        const rows = table.kids[1]!.kids
        expect(rows.length).toBeGreaterThan(5)
        for (const row of rows) expect(row.kids.map((cell) => cell.type)).toEqual(Array(columns).fill('TD'))
      }
    })

    it('reads lists, paragraphs and figures with alternative text, and keeps running footers out of the text', async () => {
      const nodes = all(structureTree(pack.pdf))
      const list = nodes.find((node) => node.type === 'L')!
      expect(list.kids.length).toBeGreaterThan(1)
      expect(list.kids.every((item) => item.type === 'LI' && item.kids[0]?.type === 'LBody')).toBe(true)
      expect(nodes.filter((node) => node.type === 'P').length).toBeGreaterThan(50)
      expect(nodes.some((node) => node.type === 'TOC')).toBe(true)
      // The footers are artifacts: on every page of the text, in none of the structure's elements.
      expect(tool('pdftotext', [pack.pdf, '-']).stdout).toMatch(/Page 2 of \d+/)
      // Every figure carries its alternative text (read with pdf.js): what the chart shows, in words and numbers.
      const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs')
      const task = pdfjs.getDocument({ data: new Uint8Array(readFileSync(pack.pdf)), verbosity: 0 })
      const document = await task.promise
      interface StructNode {
        role?: string
        alt?: string
        children?: StructNode[]
      }
      const figures: StructNode[] = []
      const collect = (node: StructNode | null | undefined): void => {
        if (!node) return
        if (node.role === 'Figure') figures.push(node)
        node.children?.forEach(collect)
      }
      for (let number = 1; number <= document.numPages; number++) {
        collect((await (await document.getPage(number)).getStructTree()) as StructNode)
      }
      await task.destroy()
      expect(figures.length).toBeGreaterThan(3)
      for (const figure of figures) expect(figure.alt).toMatch(/: .*\d/)
      const byStatus = figures.find((figure) => figure.alt?.startsWith('Controls by status: '))
      expect(byStatus?.alt).toMatch(/Implemented \d+/)
    }, 60_000)
  })
})

describe('the sample organisation’s HIPAA pack', () => {
  const decided = '164.312(a)(2)(iv)'
  let pack: { pdf: string; text: string }
  beforeAll(async () => {
    register.frameworks.decide('hipaa', decided, 'implemented', 'All ePHI stores use KMS encryption at rest.')
    pack = await exportPack(['hipaa'])
  }, 120_000)

  it('marks every specification R or A, and shows each addressable one’s decision or that none is recorded', () => {
    // Read in drawing order (a reference and its R or A are drawn one after the other in its cell).
    const raw = tool('pdftotext', ['-raw', pack.pdf, '-'])
    expect(raw.code).toBe(0)
    const text = flat(raw.stdout)
    const specifications = register.frameworks
      .tree('hipaa')
      .filter((node) => node.kind === 'implementation-specification')
    const addressable = specifications.filter((node) => node.specification === 'Addressable')
    expect(addressable.length).toBe(22)
    const matrix = text.slice(text.indexOf('(R) and (A) mark HIPAA'), text.indexOf('Each control of the pack once'))
    const escape = (value: string): string => value.replace(/[()[\].*+?^$|\\]/g, '\\$&')
    for (const node of register.frameworks.tree('hipaa').filter((candidate) => candidate.assessable)) {
      const marker = node.specification === 'Required' ? 'R' : 'A'
      expect(matrix, node.ref).toMatch(new RegExp(`${escape(node.ref)} \\(${marker}\\)`))
    }
    expect(text).toContain(`${ADDRESSABLE_DECISION_LABELS.implemented}: All ePHI stores use KMS encryption at rest.`)
    const undecided = addressable.filter((node) => node.ref !== decided && node.applicable).length
    expect(text.split('No decision recorded (an open item).').length - 1).toBeGreaterThanOrEqual(1)
    const openItems = text.slice(text.indexOf('HIPAA addressable specifications without a decision'))
    expect(openItems).toMatch(new RegExp(`HIPAA addressable specifications without a decision \\(${undecided}\\)`))
  })
})
