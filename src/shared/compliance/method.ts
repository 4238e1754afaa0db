/**
 * The result rule in words: printed on every pack's method page and in the README, so what the
 * app states and what it says it does are the same text (a test holds the README to it).
 */
export const RESULT_RULE: { term: string; text: string }[] = [
  {
    term: 'In place',
    text: 'Every applicable control mapped to the requirement is implemented, and each has evidence in force for the audit period. For customer and shared controls that is evidence dated in the period (its effective date falls in it, or the period it covers overlaps it) that has not passed its review-by date on the day it is judged. For AWS-inherited controls it is an AWS report whose covered period overlaps the audit period; any stretch of the period no report covers is named, because a bridge letter is needed for it.'
  },
  {
    term: 'Not in place',
    text: 'No control meets the requirement, a mapped control is not implemented (not started, planned or in progress), or the latest automated test of a customer or shared control (Security Hub, Prowler, AWS Config rules), from an export in force for the audit period and scope, failed.'
  },
  {
    term: 'Not tested',
    text: 'Nothing contradicts the requirement, but a mapped control has no evidence in force for the audit period.'
  },
  {
    term: 'Not applicable',
    text: 'The requirement was scoped out with a reason, every control mapped to it is itself not applicable (with its reason), or, for a HIPAA addressable implementation specification, it was documented as not reasonable and appropriate.'
  },
  {
    term: 'Judged on',
    text: 'Evidence is judged on the last day of the audit period, or on the day the pack is made while the period is still running.'
  },
  {
    term: 'Coverage',
    text: 'The requirements in place out of the applicable ones (all assessed requirements but those not applicable).'
  },
  {
    term: 'HIPAA addressable specifications',
    text: 'Each carries the decision documented for it: implemented as specified, met by an equivalent alternative measure, or not reasonable and appropriate, with the rationale. A specification with no decision recorded is an open item.'
  }
]
