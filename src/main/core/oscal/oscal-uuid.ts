import { createHash } from 'node:crypto'

/** The namespace every Evidence Desk OSCAL UUID descends from (itself a v5 UUID of the product's name in the URL namespace). */
const URL_NAMESPACE = '6ba7b811-9dad-11d1-80b4-00c04fd430c8'

/**
 * A name-based (version 5, SHA-1) UUID as RFC 9562 defines it: the same namespace and name always
 * give the same UUID, so two exports of an unchanged register carry the same UUIDs and a diff
 * between exports shows only what changed.
 */
export function uuidV5(name: string, namespace: string): string {
  const hash = createHash('sha1')
    .update(Buffer.from(namespace.replace(/-/g, ''), 'hex'))
    .update(name, 'utf8')
    .digest()
  const bytes = hash.subarray(0, 16)
  bytes[6] = (bytes[6]! & 0x0f) | 0x50
  bytes[8] = (bytes[8]! & 0x3f) | 0x80
  const hex = bytes.toString('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

export const PRODUCT_NAMESPACE = uuidV5('https://evidence-desk/oscal', URL_NAMESPACE)

/** UUIDs for one register: each from a kind and the register's own id for the thing (EV-0015, pci:1.2.1). */
export function registerUuids(registerKey: string): (kind: string, id: string) => string {
  const namespace = uuidV5(`register:${registerKey}`, PRODUCT_NAMESPACE)
  return (kind, id) => uuidV5(`${kind}:${id}`, namespace)
}
