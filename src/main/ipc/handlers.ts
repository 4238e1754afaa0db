import type { InvokeChannel } from '../../shared/ipc/channels'
import type { ParsedArgsOf, ResultOf } from '../../shared/ipc/contract'
import type { Register } from '../core/register'

export type Handlers = {
  [C in InvokeChannel]: (args: ParsedArgsOf<C>) => ResultOf<C> | Promise<ResultOf<C>>
}

/** Calls that change the register: after each, open views are told to refresh. */
export const MUTATING_CHANNELS: ReadonlySet<InvokeChannel> = new Set<InvokeChannel>([
  'app:loadSample',
  'requirements:scope',
  'controls:create',
  'controls:update',
  'controls:map',
  'controls:unmap'
])

/** Binds every channel of the contract to the register's services. */
export function createHandlers(register: Register): Handlers {
  return {
    'app:info': () => register.info(),
    'app:loadSample': () => {
      register.loadSampleOrganisation()
      return register.info()
    },
    'accounts:list': () => register.accounts(),
    'frameworks:list': () => register.frameworks.list(),
    'frameworks:tree': ({ framework }) => register.frameworks.tree(framework),
    'requirements:scope': ({ framework, ref, applicable, reason }) =>
      register.frameworks.scope(framework, ref, applicable, reason),
    'controls:list': (query) => register.controls.list(query),
    'controls:get': ({ id }) => register.controls.get(id),
    'controls:create': (input) => register.controls.create(input),
    'controls:update': ({ id, patch, expectedVersion }) => register.controls.update(id, patch, expectedVersion),
    'controls:map': ({ id, framework, ref }) => register.controls.map(id, framework, ref),
    'controls:unmap': ({ id, framework, ref }) => register.controls.unmap(id, framework, ref),
    'controls:owners': () => register.controls.owners(),
    'controls:domains': () => register.controls.domains(),
    'responsibility:matrix': (args) => register.responsibility.matrix(args?.framework),
    'dashboard:summary': () => register.dashboard.summary(),
    'audit:list': (query) => register.audit.list(query),
    'audit:verify': () => register.audit.verify(),
    'audit:actors': () => register.audit.actors(),
    'search:global': ({ text, limit }) => register.search(text, limit)
  }
}
