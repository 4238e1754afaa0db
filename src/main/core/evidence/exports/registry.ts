import type { ExportParser } from './export-parser'
import { accessAnalyzerFindings } from './parsers/access-analyzer'
import { backupJobs } from './parsers/backup'
import { cloudTrailDigest, cloudTrailLog, cloudTrailStatus, cloudTrailTrails } from './parsers/cloudtrail'
import { configCompliance } from './parsers/config'
import { guardDutyFindings } from './parsers/guardduty'
import { credentialReportCsv, credentialReportJson } from './parsers/iam-credential-report'
import { authorizationDetails, passwordPolicy } from './parsers/iam-policies'
import { inspectorCsv, inspectorFindings } from './parsers/inspector'
import { kmsKeyRotation, kmsKeys } from './parsers/kms'
import { macieBuckets, macieFindings } from './parsers/macie'
import { organizationsPolicies, organizationsPolicy } from './parsers/organizations'
import { kmsKeyPolicy, policyDocument } from './parsers/policy-documents'
import { prowlerCsv, prowlerOcsf } from './parsers/prowler'
import { securityHubControls, securityHubFindings } from './parsers/security-hub'
import { wafWebAcls } from './parsers/waf'

/**
 * Every export Evidence Desk recognises, tried in this order: the first whose matches() accepts
 * a file's shape summarises it. More specific shapes come before looser ones (an Organizations
 * policy before a bare policy document).
 */
export const EXPORT_PARSERS: readonly ExportParser[] = [
  securityHubFindings,
  securityHubControls,
  guardDutyFindings,
  inspectorFindings,
  inspectorCsv,
  accessAnalyzerFindings,
  macieFindings,
  macieBuckets,
  configCompliance,
  prowlerCsv,
  prowlerOcsf,
  cloudTrailLog,
  cloudTrailDigest,
  cloudTrailTrails,
  cloudTrailStatus,
  credentialReportCsv,
  credentialReportJson,
  passwordPolicy,
  authorizationDetails,
  kmsKeys,
  kmsKeyRotation,
  organizationsPolicies,
  organizationsPolicy,
  kmsKeyPolicy,
  policyDocument,
  wafWebAcls,
  backupJobs
]
