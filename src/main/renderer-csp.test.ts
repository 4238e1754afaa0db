import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  contentSecurityPolicy,
  metaContentSecurityPolicy,
  STYLE_NONCE_PLACEHOLDER,
  withStyleNonce
} from '../shared/csp'

describe('the Content-Security-Policy', () => {
  it('is in index.html as a <meta> too, the same as the header but for frame-ancestors', () => {
    const html = readFileSync(join(__dirname, '../renderer/index.html'), 'utf8')
    const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1]
    expect(meta).toBe(metaContentSecurityPolicy(STYLE_NONCE_PLACEHOLDER))
    const served = withStyleNonce(html, 'abc123')
    expect(served).toContain(`'nonce-abc123'`)
    expect(contentSecurityPolicy('abc123')).toBe(`${metaContentSecurityPolicy('abc123')}; frame-ancestors 'none'`)
    expect(meta).toContain("script-src 'self'")
    expect(meta).not.toMatch(/unsafe-inline|unsafe-eval/)
  })
})
