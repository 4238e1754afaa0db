/**
 * The names of every call and event between the renderer and the main process, named
 * `domain:verb`. Kept free of dependencies so the sandboxed preload can import it.
 */
export const INVOKE_CHANNELS = [
  'app:info',
  'app:loadSample',
  'accounts:list',
  'frameworks:list',
  'frameworks:tree',
  'requirements:scope',
  'controls:list',
  'controls:get',
  'controls:create',
  'controls:update',
  'controls:map',
  'controls:unmap',
  'controls:owners',
  'controls:domains',
  'responsibility:matrix',
  'dashboard:summary',
  'audit:list',
  'audit:verify',
  'audit:actors',
  'search:global'
] as const
export type InvokeChannel = (typeof INVOKE_CHANNELS)[number]

/** Events the main process pushes to the renderer. */
export const EVENT_CHANNELS = ['register:changed'] as const
export type EventChannel = (typeof EVENT_CHANNELS)[number]

export function isInvokeChannel(value: unknown): value is InvokeChannel {
  return typeof value === 'string' && (INVOKE_CHANNELS as readonly string[]).includes(value)
}

export function isEventChannel(value: unknown): value is EventChannel {
  return typeof value === 'string' && (EVENT_CHANNELS as readonly string[]).includes(value)
}
