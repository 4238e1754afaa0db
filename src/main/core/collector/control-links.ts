/**
 * The starter-library controls each kind of export is evidence for, by its recognised format.
 * A collected file is linked to these controls when the register has them; a control the user
 * renamed or removed is skipped, and nothing else is guessed from the file's content.
 */
export const CONTROLS_BY_EXPORT: Record<string, readonly string[]> = {
  'iam-credential-report': ['IAM-01', 'IAM-05', 'IAM-06'],
  'iam-password-policy': ['IAM-02'],
  'iam-authorization-details': ['IAM-03', 'IAM-05'],
  'access-analyzer-findings': ['IAM-03'],
  'organizations-scps': ['GOV-02', 'CFG-04'],
  'cloudtrail-trails': ['LOG-01', 'LOG-03'],
  'cloudtrail-trail-status': ['LOG-01'],
  'cloudtrail-log': ['LOG-01'],
  'cloudtrail-digest': ['LOG-03'],
  'kms-keys': ['KEY-01', 'KEY-02'],
  'kms-key-rotation': ['KEY-01'],
  'kms-key-policy': ['KEY-01'],
  'securityhub-findings': ['CFG-02', 'LOG-07'],
  'securityhub-standards-controls': ['CFG-02', 'GOV-04'],
  'guardduty-findings': ['LOG-05'],
  'inspector-findings': ['VUL-01'],
  'backup-jobs': ['BCP-01'],
  'macie-buckets': ['DAT-01'],
  'macie-findings': ['DAT-01'],
  'config-compliance': ['CFG-02'],
  'config-compliance-by-resource': ['CFG-02'],
  'config-evaluations': ['CFG-02'],
  'config-conformance-pack-results': ['CFG-02'],
  'config-conformance-pack-compliance': ['CFG-02']
}
