import { describe, expect, it } from 'vitest'
import { registerRequirementOf } from './requirement-checks'

describe('registerRequirementOf', () => {
  it.each([
    ['PCI DSS v4.0.1/10.3.2', { framework: 'pci', ref: '10.3.2' }],
    ['PCI DSS v4.0/1.2.1', { framework: 'pci', ref: '1.2.1' }],
    ['PCI DSS v4.0.1/A1.1.1', { framework: 'pci', ref: 'A1.1.1' }],
    // Security Hub's PCI DSS v3.2.1 standard: never matched to v4.0.1 by its number.
    ['PCI DSS 3.4', undefined],
    ['PCI DSS 1.2.1', undefined],
    ['PCI DSS v3.2.1/3.4', undefined],
    ['CIS AWS Foundations Benchmark v1.4.0/3.7', undefined],
    ['NIST.800-53.r5 AU-9', undefined],
    ['PCI DSS v4.0.1/10.3.2; DROP TABLE', undefined]
  ])('%s', (reference, expected) => {
    expect(registerRequirementOf(reference)).toEqual(expected)
  })
})
