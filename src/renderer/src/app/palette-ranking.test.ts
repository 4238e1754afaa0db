import { describe, expect, it } from 'vitest'
import { rankPalette, scoreEntry, type PaletteEntry } from './palette-ranking'

const entries: PaletteEntry[] = [
  { kind: 'command', key: 'command:new-control', label: 'New control', keywords: 'add create control' },
  { kind: 'page', key: 'page:/register', label: 'Register' },
  { kind: 'page', key: 'page:/packs', label: 'Packs' },
  { kind: 'setting', key: 'setting:Appearance', label: 'Appearance', keywords: 'settings theme dark' },
  // The register's full-text search finds controls that cite 3.3.3 in their text, ahead of the requirement.
  {
    kind: 'control',
    key: 'control:DATA-04',
    identifier: 'DATA-04',
    label: 'Sensitive authentication data',
    fromSearch: true
  },
  {
    kind: 'requirement',
    key: 'requirement:pci:3.3.3',
    identifier: '3.3.3',
    aliases: ['PCI 3.3.3'],
    label: 'SAD stored by issuers is limited and encrypted',
    fromSearch: true
  },
  {
    kind: 'requirement',
    key: 'requirement:pci:3.3.3.1',
    identifier: '3.3.3.1',
    label: 'A later one',
    fromSearch: true
  },
  { kind: 'evidence', key: 'evidence:EV-0012', identifier: 'EV-0012', label: 'Access review Q3', fromSearch: true },
  { kind: 'pack', key: 'pack:PK-0001', identifier: 'PK-0001', label: 'PCI DSS assessment', fromSearch: true }
]

const first = (text: string): string => rankPalette(entries, text)[0]!.entries[0]!.key

describe('the command palette ranking', () => {
  it('puts an exact requirement reference before controls that mention it', () => {
    expect(first('3.3.3')).toBe('requirement:pci:3.3.3')
    expect(first('pci 3.3.3')).toBe('requirement:pci:3.3.3')
    const requirements = rankPalette(entries, '3.3.3').find((group) => group.kind === 'requirement')!
    expect(requirements.entries.map((entry) => entry.key)).toEqual(['requirement:pci:3.3.3', 'requirement:pci:3.3.3.1'])
  })

  it('puts exact evidence, pack and control ids first, whatever their case', () => {
    expect(first('ev-0012')).toBe('evidence:EV-0012')
    expect(first('PK-0001')).toBe('pack:PK-0001')
    expect(first('data-04')).toBe('control:DATA-04')
  })

  it('finds commands, pages and settings by their words', () => {
    expect(first('new con')).toBe('command:new-control')
    expect(first('pack')).toBe('page:/packs')
    expect(first('theme')).toBe('setting:Appearance')
  })

  it('offers pages, then commands, before anything is typed', () => {
    expect(rankPalette(entries, '').map((group) => group.kind)).toEqual(['page', 'command'])
  })

  it('drops local entries the text does not match, but keeps what the search found', () => {
    expect(scoreEntry(entries[1]!, 'zzz')).toBe(0)
    expect(scoreEntry(entries[4]!, 'zzz')).toBeGreaterThan(0)
  })
})
