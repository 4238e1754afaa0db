import type { z } from 'zod'
import type { Result } from '../result'
import {
  auditQuerySchema,
  controlCreateSchema,
  controlIdArgsSchema,
  controlQuerySchema,
  controlUpdateSchema,
  emptyArgsSchema,
  frameworkArgsSchema,
  mappingArgsSchema,
  optionalFrameworkArgsSchema,
  requirementScopeSchema,
  searchArgsSchema
} from '../schemas'
import type {
  AppInfo,
  AuditEntry,
  AuditVerification,
  AwsAccount,
  ControlDetail,
  ControlSummary,
  DashboardSummary,
  FrameworkSummary,
  RequirementNode,
  ResponsibilityMatrix,
  SearchHit
} from '../types'
import type { EventChannel, InvokeChannel } from './channels'

/** Declares a call: the schema its argument must satisfy and the type of its result. */
const returns =
  <R>() =>
  <A extends z.ZodType>(args: A) => ({ args, result: undefined as unknown as R })

/**
 * The one contract between the renderer and the main process. Every handler validates its
 * argument with the schema named here; the preload, the browser host and the renderer's API
 * module are all derived from it.
 */
export const contract = {
  'app:info': returns<AppInfo>()(emptyArgsSchema),
  'app:loadSample': returns<AppInfo>()(emptyArgsSchema),
  'accounts:list': returns<AwsAccount[]>()(emptyArgsSchema),
  'frameworks:list': returns<FrameworkSummary[]>()(emptyArgsSchema),
  'frameworks:tree': returns<RequirementNode[]>()(frameworkArgsSchema),
  'requirements:scope': returns<RequirementNode>()(requirementScopeSchema),
  'controls:list': returns<ControlSummary[]>()(controlQuerySchema),
  'controls:get': returns<ControlDetail>()(controlIdArgsSchema),
  'controls:create': returns<ControlDetail>()(controlCreateSchema),
  'controls:update': returns<ControlDetail>()(controlUpdateSchema),
  'controls:map': returns<ControlDetail>()(mappingArgsSchema),
  'controls:unmap': returns<ControlDetail>()(mappingArgsSchema),
  'controls:owners': returns<{ owner: string; controls: number }[]>()(emptyArgsSchema),
  'controls:domains': returns<string[]>()(emptyArgsSchema),
  'responsibility:matrix': returns<ResponsibilityMatrix>()(optionalFrameworkArgsSchema),
  'dashboard:summary': returns<DashboardSummary>()(emptyArgsSchema),
  'audit:list': returns<AuditEntry[]>()(auditQuerySchema),
  'audit:verify': returns<AuditVerification>()(emptyArgsSchema),
  'audit:actors': returns<string[]>()(emptyArgsSchema),
  'search:global': returns<SearchHit[]>()(searchArgsSchema)
} satisfies Record<InvokeChannel, { args: z.ZodType; result: unknown }>

export type Contract = typeof contract
/** What a caller passes (before defaults and normalisation). */
export type ArgsOf<C extends InvokeChannel> = z.input<Contract[C]['args']>
/** What a handler receives (after validation). */
export type ParsedArgsOf<C extends InvokeChannel> = z.output<Contract[C]['args']>
export type ResultOf<C extends InvokeChannel> = Contract[C]['result']

/** Payloads of the events the main process pushes. */
export interface EventPayloads {
  /** Something in the register changed; views refetch what they show. */
  'register:changed': { channel: InvokeChannel }
}
export type EventPayload<E extends EventChannel> = EventPayloads[E]

/** window.api as the preload exposes it. */
export type Api = {
  [C in InvokeChannel]: undefined extends ArgsOf<C>
    ? (args?: ArgsOf<C>) => Promise<Result<ResultOf<C>>>
    : (args: ArgsOf<C>) => Promise<Result<ResultOf<C>>>
} & {
  on<E extends EventChannel>(event: E, listener: (payload: EventPayload<E>) => void): () => void
}
