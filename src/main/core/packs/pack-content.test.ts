import { MessageChannel, receiveMessageOnPort } from 'node:worker_threads'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Register } from '../register'
import { openSampleRegister } from '../testing/temp-register'
import { decodePackContent, encodePackContentInSteps } from './pack-content'
import { runToEnd } from '../util/time-slices'

describe('moving a pack’s content to the worker that writes it', () => {
  let register: Register
  let cleanup: () => void
  beforeAll(async () => {
    ;({ register, cleanup } = await openSampleRegister())
  })
  afterAll(() => cleanup())

  it('arrives intact when its bytes are transferred, and the sender is left without them', () => {
    const content = register.packs.assemble(
      {
        id: null,
        name: 'All frameworks 2026',
        frameworks: ['pci', 'hipaa', 'gdpr'],
        scope: { accounts: [], organizationalUnits: [] },
        periodStart: '2026-01-01',
        periodEnd: '2026-12-31',
        organisation: 'Harbor Bean Coffee Co.',
        auditor: 'Example QSA LLC',
        preparer: 'Maya Chen',
        controls: []
      },
      { publicKeyPem: 'PUBLIC KEY', fingerprint: 'f'.repeat(64) }
    )
    expect(content.evidence.length).toBeGreaterThan(0)
    const bytes = runToEnd(encodePackContentInSteps(content))
    const { port1, port2 } = new MessageChannel()
    try {
      port1.postMessage({ content: bytes }, [bytes.buffer as ArrayBuffer])
      // Moved, not copied: the sender's buffer is detached.
      expect(bytes.byteLength).toBe(0)
      const received = receiveMessageOnPort(port2)?.message as { content: Uint8Array }
      const decoded = decodePackContent(received.content)
      expect(decoded).toEqual(content)
      // Text outside ASCII (the middle dot, names with accents) comes through as it was.
      expect(JSON.stringify(decoded)).toBe(JSON.stringify(content))
    } finally {
      port1.close()
      port2.close()
    }
  })
})
