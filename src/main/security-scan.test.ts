import { createRequire } from 'node:module'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

interface Finding {
  id: string
  file: string
  severity: { value: number; name: string }
  location?: { line: number }
}
type Scan = (options: Record<string, unknown>) => Promise<{ issues: Finding[]; errors: { tolerable: boolean }[] }>

/** Electronegativity (Doyensec's scanner for Electron misconfigurations), run on the sources. */
const electronegativity = createRequire(__filename)('@doyensec/electronegativity') as Scan
const MEDIUM = 2

describe('Electronegativity on src', () => {
  it('reports no HIGH or MEDIUM finding', async () => {
    const result = await electronegativity({
      input: resolve(__dirname, '..'),
      isRelative: true,
      electronVersionOverride: '45.5.0'
    })
    expect(result.errors.filter((error) => !error.tolerable)).toEqual([])
    const serious = result.issues
      .filter((issue) => issue.severity.value >= MEDIUM)
      .map((issue) => `${issue.id} ${issue.severity.name} ${issue.file}:${issue.location?.line ?? 0}`)
    expect(serious).toEqual([])
  }, 120_000)
})
