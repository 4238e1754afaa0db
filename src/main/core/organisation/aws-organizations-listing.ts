import { z } from 'zod'
import { AppError } from '../errors'

/** What `aws organizations list-accounts` and its kin list, as the register needs it. */
export interface OrganizationsListing {
  accounts: { id: string; name: string | null; email: string | null; status: string | null }[]
  organizationalUnits: { name: string; awsId: string }[]
}

const accountSchema = z.object({
  Id: z.string().regex(/^\d{12}$/),
  Name: z.string().max(50).optional(),
  Email: z.string().max(64).optional(),
  Status: z.string().max(40).optional(),
  State: z.string().max(40).optional()
})

const unitSchema = z.object({
  Name: z.string().min(1).max(128),
  Id: z.string().max(80).optional(),
  Arn: z.string().max(300).optional()
})

const listingSchema = z.union([
  z.object({ Accounts: z.array(accountSchema).max(10_000) }),
  z.object({ OrganizationalUnits: z.array(unitSchema).max(10_000) })
])

/** The OU's id: given as Id, or the last part of its ARN (the documented examples give only the ARN). */
function unitId(unit: z.infer<typeof unitSchema>): string {
  if (unit.Id) return unit.Id
  const fromArn = unit.Arn?.split('/').at(-1)
  if (fromArn?.startsWith('ou-')) return fromArn
  throw new AppError('VALIDATION', `The organizational unit ${unit.Name} has neither an Id nor an ARN naming one.`)
}

/** JSON as people paste it: a trailing comma before a closing bracket (as in AWS's own examples) is forgiven. */
function parseLenient(text: string): unknown {
  const withoutBom = text.replace(/^\uFEFF/, '')
  try {
    return JSON.parse(withoutBom)
  } catch {
    // Outside strings only: a comma followed by whitespace and a closing bracket.
    const repaired = withoutBom.replace(
      /("(?:[^"\\]|\\.)*")|,(\s*[}\]])/g,
      (match, string: string | undefined, close: string) => (string !== undefined ? match : close)
    )
    try {
      return JSON.parse(repaired)
    } catch {
      throw new AppError(
        'VALIDATION',
        'This is not the JSON that aws organizations list-accounts, list-accounts-for-parent or list-organizational-units-for-parent prints. Run the command with --output json and import what it prints.'
      )
    }
  }
}

export function readOrganizationsListing(text: string): OrganizationsListing {
  const parsed = listingSchema.safeParse(parseLenient(text))
  if (!parsed.success) {
    throw new AppError(
      'VALIDATION',
      'The JSON has no "Accounts" or "OrganizationalUnits" list that AWS Organizations prints (each account with a 12-digit Id). Import the output of aws organizations list-accounts, list-accounts-for-parent or list-organizational-units-for-parent.'
    )
  }
  if ('Accounts' in parsed.data) {
    return {
      accounts: parsed.data.Accounts.map((account) => ({
        id: account.Id,
        name: account.Name?.trim() || null,
        email: account.Email ?? null,
        status: account.State ?? account.Status ?? null
      })),
      organizationalUnits: []
    }
  }
  return {
    accounts: [],
    organizationalUnits: parsed.data.OrganizationalUnits.map((unit) => ({
      name: unit.Name.trim(),
      awsId: unitId(unit)
    }))
  }
}
