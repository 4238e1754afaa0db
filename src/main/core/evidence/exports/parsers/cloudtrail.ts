import { firstOf, isObject, path, text, type ExportParser, type Json, type Probe } from '../export-parser'
import { isoOf } from '../summary-builder'
import { summaryRun, SummaryBuilder } from './simple-run'

/** A management, data or Insights event (Insights events name their source in insightDetails). */
const isTrailEvent = (value: unknown): value is Json =>
  isObject(value) &&
  typeof value.eventTime === 'string' &&
  (typeof value.eventSource === 'string' || typeof value.eventType === 'string')

/** CloudTrail log files as delivered to S3 ({"Records": [...]}, usually .json.gz) or saved plain. */
export const cloudTrailLog: ExportParser = {
  id: 'cloudtrail-log',
  input: 'json',
  matches: (probe) => isTrailEvent(firstOf(probe, ['Records'])),
  start() {
    const summary = new SummaryBuilder('cloudtrail-log', 'CloudTrail log', 'CloudTrail')
    const sources = new Map<string, number>()
    return summaryRun(summary, 'config-export', {
      record(key, value) {
        if (key !== 'Records' || !isTrailEvent(value)) return
        summary.records++
        summary.account(value.recipientAccountId).region(value.awsRegion).date(value.eventTime)
        summary.count('Events')
        if (typeof value.errorCode === 'string') summary.count('Errors')
        if (path(value, 'userIdentity', 'type') === 'Root') summary.count('Root user activity')
        const source = String(value.eventSource ?? path(value, 'insightDetails', 'eventSource') ?? value.eventType)
        sources.set(source, (sources.get(source) ?? 0) + 1)
      },
      finish() {
        const busiest = [...sources].sort((a, b) => b[1] - a[1]).slice(0, 5)
        for (const [source, count] of busiest) summary.highlights.push(`${source}: ${count}`)
      }
    })
  }
}

const isDigest = (members: Json): boolean => typeof members.digestStartTime === 'string' && 'awsAccountId' in members

/** CloudTrail digest files: the signed hashes of an hour's log files (log file integrity validation). */
export const cloudTrailDigest: ExportParser = {
  id: 'cloudtrail-digest',
  input: 'json',
  matches: (probe: Probe) => probe.input === 'json' && isDigest(probe.members),
  start() {
    const summary = new SummaryBuilder('cloudtrail-digest', 'CloudTrail digest file', 'CloudTrail')
    return summaryRun(summary, 'config-export', {
      member(key, value) {
        if (key === 'awsAccountId') summary.account(value)
        if (key === 'digestStartTime') summary.date(value)
        if (key === 'digestEndTime') {
          summary.date(value)
          summary.generatedAt = isoOf(value) ?? null
        }
        if (key === 'digestS3Object') summary.region(/CloudTrail-Digest\/([a-z0-9-]+)\//.exec(String(value))?.[1])
        if (key === 'digestSignatureAlgorithm' && typeof value === 'string')
          summary.highlights.push(`Signed with ${value}`)
      },
      record(key, value) {
        if (key !== 'logFiles' || !isObject(value)) return
        summary.records++
        summary.count('Log files')
      }
    })
  }
}

const isTrail = (value: unknown): value is Json => isObject(value) && typeof value.TrailARN === 'string'

/** aws cloudtrail describe-trails: multi-region trails and log file validation. */
export const cloudTrailTrails: ExportParser = {
  id: 'cloudtrail-trails',
  input: 'json',
  matches: (probe) => isTrail(firstOf(probe, ['trailList'])),
  start() {
    const summary = new SummaryBuilder('cloudtrail-trails', 'CloudTrail trails', 'CloudTrail')
    const trails: Json[] = []
    return summaryRun(summary, 'config-export', {
      record(key, value) {
        if (key !== 'trailList' || !isTrail(value)) return
        summary.records++
        trails.push({
          Name: value.Name,
          IsMultiRegionTrail: value.IsMultiRegionTrail,
          LogFileValidationEnabled: value.LogFileValidationEnabled
        })
        summary.accountOfArn(value.TrailARN).region(value.HomeRegion)
        summary.count('Trails')
      },
      finish() {
        const names = (list: Json[]): string => list.map((trail) => String(trail.Name)).join(', ')
        const multiRegion = trails.filter((trail) => trail.IsMultiRegionTrail === true)
        summary.check(
          'multi-region-trail',
          'A multi-region trail records every Region',
          multiRegion.length > 0,
          multiRegion.length
            ? `Multi-region: ${names(multiRegion)}`
            : `No multi-region trail among ${trails.length} (${names(trails)})`
        )
        const unvalidated = trails.filter((trail) => trail.LogFileValidationEnabled !== true)
        summary.check(
          'log-file-validation',
          'Log file integrity validation is on for every trail',
          trails.length > 0 && unvalidated.length === 0,
          unvalidated.length ? `Without validation: ${names(unvalidated)}` : `On for ${names(trails)}`
        )
      }
    })
  }
}

/** aws cloudtrail get-trail-status: whether the trail is logging, and its latest delivery. */
export const cloudTrailStatus: ExportParser = {
  id: 'cloudtrail-trail-status',
  input: 'json',
  matches: (probe) => probe.input === 'json' && typeof probe.members.IsLogging === 'boolean',
  start() {
    const summary = new SummaryBuilder('cloudtrail-trail-status', 'CloudTrail trail status', 'CloudTrail')
    summary.records = 1
    let logging = false
    let lastDelivery: string | undefined
    return summaryRun(summary, 'config-export', {
      member(key, value) {
        if (key === 'IsLogging') logging = value === true
        if (key === 'LatestDeliveryTime') {
          lastDelivery = isoOf(value)
          summary.date(value)
        }
        if (key === 'LatestDeliveryError' && text(value)) summary.highlights.push(`Delivery error: ${String(value)}`)
      },
      record() {},
      finish() {
        summary.check(
          'trail-logging',
          'The trail is logging',
          logging,
          logging ? `Logging; latest delivery ${lastDelivery ?? 'not recorded'}` : 'Logging is stopped'
        )
      }
    })
  }
}
