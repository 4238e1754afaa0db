import { describe, expect, it } from 'vitest'
import { controlIdsOf, OSCAL_TOKEN } from './oscal-ids'
import { registerUuids, uuidV5 } from './oscal-uuid'

describe('OSCAL UUIDs and ids', () => {
  it('makes RFC 9562 name-based (v5) UUIDs', () => {
    // RFC 9562, appendix A.4: the DNS namespace and www.example.com.
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe(
      '2ed6657d-e927-568b-95e1-2665a8aea6a2'
    )
  })

  it('gives the same register the same UUIDs, and another register others', () => {
    const first = registerUuids('2026-11-28T09:00:00.000Z')
    const again = registerUuids('2026-11-28T09:00:00.000Z')
    const other = registerUuids('2026-11-29T09:00:00.000Z')
    expect(first('evidence', 'EV-0001')).toBe(again('evidence', 'EV-0001'))
    expect(first('evidence', 'EV-0001')).not.toBe(other('evidence', 'EV-0001'))
    expect(first('evidence', 'EV-0001')).not.toBe(first('evidence', 'EV-0002'))
  })

  it("turns the register's references into unique OSCAL tokens", () => {
    const ids = controlIdsOf('hipaa', ['164.308', '164.308(a)(1)', '164.308(a)(1)(ii)(A)', '164.308-a-1'])
    expect([...ids.values()]).toEqual([
      'hipaa-164.308',
      'hipaa-164.308-a-1',
      'hipaa-164.308-a-1-ii-A',
      'hipaa-164.308-a-1_2'
    ])
    expect(controlIdsOf('gdpr', ['Art. 32']).get('Art. 32')).toBe('gdpr-Art.-32')
    expect(controlIdsOf('nist-800-53', ['ac-2.1']).get('ac-2.1')).toBe('ac-2.1')
    for (const id of ids.values()) expect(id).toMatch(OSCAL_TOKEN)
  })
})
