import { firstOf, isObject, type ExportParser, type Json } from '../export-parser'
import { summaryRun, SummaryBuilder } from './simple-run'

const isKey = (value: unknown): value is Json =>
  isObject(value) && typeof value.KeyId === 'string' && typeof value.KeyArn === 'string'

/** aws kms list-keys: the keys of an account and Region. */
export const kmsKeys: ExportParser = {
  id: 'kms-keys',
  input: 'json',
  matches: (probe) => isKey(firstOf(probe, ['Keys'])),
  start() {
    const summary = new SummaryBuilder('kms-keys', 'KMS keys', 'KMS')
    return summaryRun(summary, 'config-export', {
      record(key, value) {
        if (key !== 'Keys' || !isKey(value)) return
        summary.records++
        summary.count('Keys').accountOfArn(value.KeyArn)
      }
    })
  }
}

/** aws kms get-key-rotation-status: whether automatic rotation is on for a key. */
export const kmsKeyRotation: ExportParser = {
  id: 'kms-key-rotation',
  input: 'json',
  matches: (probe) => probe.input === 'json' && typeof probe.members.KeyRotationEnabled === 'boolean',
  start() {
    const summary = new SummaryBuilder('kms-key-rotation', 'KMS key rotation status', 'KMS')
    summary.records = 1
    let enabled = false
    let keyId = 'the key'
    let period: unknown
    return summaryRun(summary, 'config-export', {
      member(key, value) {
        if (key === 'KeyRotationEnabled') enabled = value === true
        if (key === 'KeyId' && typeof value === 'string') {
          keyId = value
          summary.accountOfArn(value)
        }
        if (key === 'RotationPeriodInDays') period = value
        if (key === 'NextRotationDate') summary.date(value)
      },
      record() {},
      finish() {
        summary.check(
          'key-rotation',
          'Automatic key rotation is on',
          enabled,
          enabled
            ? `Rotation is on for ${keyId}${typeof period === 'number' ? `, every ${period} days` : ''}`
            : `Rotation is off for ${keyId}`
        )
      }
    })
  }
}
