const POLICY_TYPES: Record<string, string> = {
  SERVICE_CONTROL_POLICY: 'Service control policy',
  RESOURCE_CONTROL_POLICY: 'Resource control policy',
  TAG_POLICY: 'Tag policy',
  BACKUP_POLICY: 'Backup policy',
  AISERVICES_OPT_OUT_POLICY: 'AI services opt-out policy'
}

/** An AWS Organizations policy type in words. */
export function describePolicyTypes(type: string): string {
  return POLICY_TYPES[type] ?? 'Organizations policy'
}
