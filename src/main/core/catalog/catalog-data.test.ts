import { describe, expect, it } from 'vitest'
import gdprData from '../../../../resources/catalogs/gdpr.json'
import hipaaData from '../../../../resources/catalogs/hipaa.json'
import pciData from '../../../../resources/catalogs/pci.json'
import sampleData from '../../../../resources/library/sample-organisation.json'
import libraryData from '../../../../resources/library/starter-controls.json'
import {
  CONTROL_STATUSES,
  BUILTIN_FRAMEWORK_IDS,
  RESPONSIBILITIES,
  type BuiltinFrameworkId
} from '../../../shared/domain'
import {
  catalogSchema,
  sampleOrganisationSchema,
  starterLibrarySchema,
  type Catalog,
  type CatalogRequirement
} from './catalog-schema'
import { bundledCatalogs, bundledSampleOrganisation, bundledStarterLibrary } from './bundled-data'

const hipaa = catalogSchema.parse(hipaaData)
const gdpr = catalogSchema.parse(gdprData)
const pci = catalogSchema.parse(pciData)
const library = starterLibrarySchema.parse(libraryData)
const sample = sampleOrganisationSchema.parse(sampleData)

const catalogs: Record<BuiltinFrameworkId, Catalog> = { hipaa, gdpr, pci }

const ofKind = (catalog: Catalog, kind: CatalogRequirement['kind']): CatalogRequirement[] =>
  catalog.requirements.filter((requirement) => requirement.kind === kind)

/** The principal requirement (1-12, A1-A3) a PCI DSS reference belongs to. */
const pciPrincipal = (ref: string): string => ref.split('.')[0] ?? ''

const isAppendix = (ref: string): boolean => /^A[1-3]/.test(ref)

const countBy = <T>(items: T[], key: (item: T) => string): Record<string, number> => {
  const counts: Record<string, number> = {}
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1
  return counts
}

describe('bundled data', () => {
  it('is what its schemas accept, unchanged, so the app can use it without parsing it again', () => {
    expect(bundledCatalogs()).toEqual([hipaa, gdpr, pci])
    expect(bundledStarterLibrary()).toEqual(library)
    expect(bundledSampleOrganisation()).toEqual(sample)
  })
})

describe('framework catalogs', () => {
  it('match the catalog schema and carry the expected ids', () => {
    expect(hipaa.id).toBe('hipaa')
    expect(gdpr.id).toBe('gdpr')
    expect(pci.id).toBe('pci')
  })

  for (const id of BUILTIN_FRAMEWORK_IDS) {
    it(`${id}: refs are unique and every parent exists earlier in the list`, () => {
      const seen = new Set<string>()
      const problems: string[] = []
      for (const requirement of catalogs[id].requirements) {
        if (seen.has(requirement.ref)) problems.push(`duplicate ${requirement.ref}`)
        if (requirement.parent !== null && !seen.has(requirement.parent)) {
          problems.push(`${requirement.ref}: parent ${requirement.parent} missing or later`)
        }
        seen.add(requirement.ref)
      }
      expect(problems).toEqual([])
    })

    it(`${id}: grouping nodes are roots and not assessable`, () => {
      const roots = catalogs[id].requirements.filter((requirement) => requirement.parent === null)
      expect(roots.length).toBeGreaterThan(0)
      for (const root of roots) expect(root.assessable, root.ref).toBe(false)
    })
  }
})

describe('HIPAA Security Rule catalog', () => {
  it('has the five safeguard sections', () => {
    expect(ofKind(hipaa, 'safeguard').map((requirement) => requirement.ref)).toEqual([
      '164.308',
      '164.310',
      '164.312',
      '164.314',
      '164.316'
    ])
  })

  it('has 22 standards and 46 implementation specifications (24 Required, 22 Addressable)', () => {
    const standards = ofKind(hipaa, 'standard')
    const specifications = ofKind(hipaa, 'implementation-specification')
    expect(standards).toHaveLength(22)
    expect(specifications).toHaveLength(46)
    expect(countBy(specifications, (requirement) => String(requirement.attributes?.specification))).toEqual({
      Required: 24,
      Addressable: 22
    })
    for (const standard of standards) {
      expect(standard.attributes?.specification, standard.ref).toBe('Required')
      expect(standard.attributes?.safeguard, standard.ref).toBeTruthy()
    }
    const standardRefs = new Set(standards.map((standard) => standard.ref))
    for (const specification of specifications) {
      expect(standardRefs.has(specification.parent ?? ''), specification.ref).toBe(true)
    }
  })

  it('has exactly 68 assessable entries', () => {
    expect(hipaa.requirements.filter((requirement) => requirement.assessable)).toHaveLength(68)
  })

  it('uses the 2013 numbering of the business associate contract specification', () => {
    const written = hipaa.requirements.find((requirement) => requirement.ref === '164.308(b)(3)')
    expect(written?.parent).toBe('164.308(b)(1)')
  })
})

describe('GDPR catalog', () => {
  const articles = ofKind(gdpr, 'article')
  const numbers = articles.map((article) => article.attributes?.article)

  it('includes all 31 core articles with titles', () => {
    const core = [5, 6, 7, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 24, 25, 28, 30, 32, 33, 34, 35, 37, 38, 39]
    core.push(44, 45, 46, 47, 48, 49)
    expect(core).toHaveLength(31)
    const coreArticles = articles.filter((article) => article.attributes?.relevance === 'core')
    expect(coreArticles.map((article) => article.attributes?.article).sort((a, b) => Number(a) - Number(b))).toEqual(
      core
    )
    for (const article of articles) {
      expect(article.title.trim().length, article.ref).toBeGreaterThan(0)
      expect(article.ref).toBe(`Art. ${String(article.attributes?.article)}`)
    }
  })

  it('has 14 related articles and no duplicates', () => {
    expect(articles.filter((article) => article.attributes?.relevance === 'related')).toHaveLength(14)
    expect(new Set(numbers).size).toBe(articles.length)
  })

  it('has a chapter node only for chapters that hold a loaded article', () => {
    const chapters = ofKind(gdpr, 'chapter')
    for (const chapter of chapters) {
      expect(
        articles.some((article) => article.parent === chapter.ref),
        chapter.ref
      ).toBe(true)
    }
    expect(chapters.map((chapter) => chapter.ref)).toEqual([
      'Chapter II',
      'Chapter III',
      'Chapter IV',
      'Chapter V',
      'Chapter VIII'
    ])
  })
})

describe('PCI DSS catalog', () => {
  const principals = ofKind(pci, 'principal')
  const sections = ofKind(pci, 'section')
  const defined = ofKind(pci, 'defined')

  it('has principal requirements 1-12 and appendices A1-A3, none assessable', () => {
    expect(principals.map((principal) => principal.ref)).toEqual([
      ...Array.from({ length: 12 }, (_, index) => String(index + 1)),
      'A1',
      'A2',
      'A3'
    ])
  })

  it('has 63 x.y sections under 1-12 and 8 in the appendices', () => {
    const main = sections.filter((section) => !isAppendix(section.ref))
    expect(main).toHaveLength(63)
    expect(sections.filter((section) => isAppendix(section.ref))).toHaveLength(8)
    const perRequirement = countBy(main, (section) => pciPrincipal(section.ref))
    expect(perRequirement).toEqual({
      '1': 5,
      '2': 3,
      '3': 7,
      '4': 2,
      '5': 4,
      '6': 5,
      '7': 3,
      '8': 6,
      '9': 5,
      '10': 7,
      '11': 6,
      '12': 10
    })
    for (const section of sections) expect(section.parent, section.ref).toBe(pciPrincipal(section.ref))
  })

  it('has 280 defined requirements: 250 under 1-12 and 30 in the appendices', () => {
    expect(defined).toHaveLength(280)
    expect(defined.filter((requirement) => !isAppendix(requirement.ref))).toHaveLength(250)
    expect(defined.filter((requirement) => isAppendix(requirement.ref))).toHaveLength(30)
    expect(countBy(defined, (requirement) => pciPrincipal(requirement.ref))).toEqual({
      '1': 19,
      '2': 11,
      '3': 29,
      '4': 6,
      '5': 13,
      '6': 19,
      '7': 12,
      '8': 29,
      '9': 27,
      '10': 27,
      '11': 21,
      '12': 37,
      A1: 7,
      A2: 3,
      A3: 20
    })
  })

  it('nests deeper defined requirements under their direct parent', () => {
    const parentOf = new Map(defined.map((requirement) => [requirement.ref, requirement.parent]))
    expect(parentOf.get('8.3.10.1')).toBe('8.3.10')
    expect(parentOf.get('9.5.1.2.1')).toBe('9.5.1.2')
    expect(parentOf.get('1.1.1')).toBe('1.1')
    for (const requirement of defined) {
      const expected = requirement.ref.split('.').slice(0, -1).join('.')
      expect(requirement.parent, requirement.ref).toBe(expected)
    }
  })

  it('marks the 51 requirements that were best practice until 31 March 2025', () => {
    const future = defined.filter((requirement) => requirement.attributes?.bestPracticeUntil !== undefined)
    expect(future).toHaveLength(51)
    for (const requirement of future) expect(requirement.attributes?.bestPracticeUntil).toBe('2025-03-31')
  })

  it('records whom each appendix applies to', () => {
    for (const requirement of pci.requirements.filter((item) => isAppendix(item.ref))) {
      expect(requirement.attributes?.appliesTo, requirement.ref).toBeTruthy()
    }
  })

  it('uses short titles of its own (at most 80 characters) and states the copyright notice', () => {
    const long = pci.requirements.filter((requirement) => requirement.title.length > 80)
    expect(long.map((requirement) => requirement.ref)).toEqual([])
    expect(pci.notice).toMatch(/PCI Security Standards Council/)
    expect(pci.notice).toContain('https://www.pcisecuritystandards.org/document_library/')
  })
})

describe('starter control library', () => {
  const controls = library.controls

  const assessableRefs = (id: BuiltinFrameworkId): Set<string> =>
    new Set(catalogs[id].requirements.filter((requirement) => requirement.assessable).map((item) => item.ref))

  const mappedRefs = (id: BuiltinFrameworkId): Set<string> =>
    new Set(controls.flatMap((control) => control.mappings[id] ?? []))

  const notApplicableRefs = (id: BuiltinFrameworkId): Set<string> =>
    new Set(library.notApplicable.filter((item) => item.framework === id).map((item) => item.ref))

  it('has at least 60 controls with unique ids', () => {
    expect(controls.length).toBeGreaterThanOrEqual(60)
    const ids = controls.map((control) => control.id)
    expect(new Set(ids).size).toBe(ids.length)
  })

  it('has at least five controls for each responsibility', () => {
    const counts = countBy(controls, (control) => control.responsibility)
    for (const responsibility of RESPONSIBILITIES) {
      expect(counts[responsibility] ?? 0, responsibility).toBeGreaterThanOrEqual(5)
    }
  })

  it('maps only to assessable requirements that exist in the catalogs', () => {
    const unknown: string[] = []
    for (const id of BUILTIN_FRAMEWORK_IDS) {
      const valid = assessableRefs(id)
      for (const control of controls) {
        for (const ref of control.mappings[id] ?? []) {
          if (!valid.has(ref)) unknown.push(`${control.id} -> ${id} ${ref}`)
        }
      }
    }
    expect(unknown).toEqual([])
  })

  it('keeps each control to a plausible number of PCI DSS mappings', () => {
    const crowded = controls.filter((control) => (control.mappings.pci ?? []).length > 40)
    expect(crowded.map((control) => control.id)).toEqual([])
  })

  it('covers every assessable requirement with a control or a not-applicable reason', () => {
    const missing: string[] = []
    for (const id of BUILTIN_FRAMEWORK_IDS) {
      const mapped = mappedRefs(id)
      const excluded = notApplicableRefs(id)
      for (const ref of assessableRefs(id)) {
        if (!mapped.has(ref) && !excluded.has(ref)) missing.push(`${id} ${ref}`)
      }
    }
    expect(missing, `requirements with no control and no reason: ${missing.join(', ')}`).toEqual([])
  })

  it('maps every HIPAA entry and loaded GDPR article or gives a reason, and prefers mappings', () => {
    expect(mappedRefs('hipaa').size + notApplicableRefs('hipaa').size).toBe(68)
    expect(mappedRefs('gdpr').size + notApplicableRefs('gdpr').size).toBe(45)
    expect(notApplicableRefs('hipaa').size).toBeLessThanOrEqual(5)
    expect(notApplicableRefs('gdpr').size).toBeLessThanOrEqual(10)
  })

  it('gives not-applicable entries that exist, have reasons and do not overlap mappings', () => {
    const problems: string[] = []
    const seen = new Set<string>()
    for (const item of library.notApplicable) {
      const key = `${item.framework} ${item.ref}`
      if (seen.has(key)) problems.push(`duplicate ${key}`)
      seen.add(key)
      if (!catalogs[item.framework].requirements.some((requirement) => requirement.ref === item.ref)) {
        problems.push(`unknown ${key}`)
      }
      if (mappedRefs(item.framework).has(item.ref)) problems.push(`mapped and not applicable: ${key}`)
      if (item.reason.trim().length < 40) problems.push(`reason too short: ${key}`)
    }
    expect(problems).toEqual([])
  })

  it('explains whom each not-applicable appendix item applies to', () => {
    const appendix = library.notApplicable.filter((item) => item.framework === 'pci' && isAppendix(item.ref))
    for (const item of appendix) {
      expect(item.reason, item.ref).toMatch(/applies only to/i)
    }
  })
})

describe('sample organisation', () => {
  const libraryIds = new Set(library.controls.map((control) => control.id))
  const entries = Object.entries(sample.controls)

  it('has an entry for every library control and none for unknown controls', () => {
    const missing = [...libraryIds].filter((id) => !(id in sample.controls))
    const unknown = entries.map(([id]) => id).filter((id) => !libraryIds.has(id))
    expect(missing).toEqual([])
    expect(unknown).toEqual([])
  })

  it('assigns every control to one of its people', () => {
    const people = new Set(sample.people.map((person) => person.name))
    expect(people.size).toBe(sample.people.length)
    for (const name of ['Rudy', 'Blaine']) {
      expect(
        [...people].some((person) => person.startsWith(name)),
        name
      ).toBe(true)
    }
    const strangers = entries.filter(([, entry]) => !people.has(entry.owner)).map(([id]) => id)
    expect(strangers).toEqual([])
  })

  it('has the Development, Accounting and Production accounts with distinct ids', () => {
    expect(sample.accounts.map((account) => account.name).sort()).toEqual(['Accounting', 'Development', 'Production'])
    expect(new Set(sample.accounts.map((account) => account.accountId)).size).toBe(3)
  })

  it('spreads statuses realistically', () => {
    const counts = countBy(entries, ([, entry]) => entry.status)
    expect(Object.keys(counts).length).toBeGreaterThanOrEqual(4)
    for (const status of Object.keys(counts)) expect(CONTROL_STATUSES).toContain(status)
    const implemented = (counts.implemented ?? 0) / entries.length
    expect(implemented).toBeGreaterThanOrEqual(0.4)
    expect(implemented).toBeLessThanOrEqual(0.75)
    for (const [id, entry] of entries) {
      if (entry.status === 'not-applicable') expect(entry.notApplicableReason, id).toBeTruthy()
    }
  })
})
