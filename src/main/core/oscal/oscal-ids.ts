import { isBuiltinFramework } from '../../../shared/domain'

/** OSCAL's token: a letter or underscore, then letters, digits, dots, hyphens and underscores. */
export const OSCAL_TOKEN = /^(\p{L}|_)(\p{L}|\p{N}|[.\-_])*$/u

/**
 * A requirement reference as an OSCAL control id: the register's references (1.2.1, A1.1.1,
 * 164.308(a)(1)(ii)(A), Art. 32) are not tokens, so they are prefixed with the framework and every
 * run of other characters becomes a hyphen: pci-1.2.1, hipaa-164.308-a-1-ii-A, gdpr-Art.-32.
 * References of imported OSCAL catalogs are their own control ids and stay as they are.
 */
export function controlIdOf(framework: string, ref: string): string {
  if (OSCAL_TOKEN.test(ref) && !isBuiltinFramework(framework)) return ref
  const body = ref
    .replace(/[^\p{L}\p{N}._-]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .replace(/-{2,}/g, '-')
  return `${framework}-${body}`
}

/** Free text as a token (role ids): lower case, hyphens between words. */
export function tokenOf(text: string, fallback: string): string {
  const token = text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
  return token && OSCAL_TOKEN.test(token) ? token : fallback
}

/** Every requirement's OSCAL id in a framework, made unique in catalog order: the catalog and the plans use this one map. */
export function controlIdsOf(framework: string, refs: string[]): Map<string, string> {
  const ids = new Map<string, string>()
  const used = new Set<string>()
  for (const ref of refs) {
    const base = controlIdOf(framework, ref)
    let id = base
    for (let n = 2; used.has(id); n++) id = `${base}_${n}`
    used.add(id)
    ids.set(ref, id)
  }
  return ids
}
