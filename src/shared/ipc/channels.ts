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
  'controls:find',
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
  'search:global',
  'evidence:list',
  'evidence:get',
  'evidence:import',
  'evidence:update',
  'evidence:link',
  'evidence:unlink',
  'evidence:linkInherited',
  'evidence:remove',
  'evidence:restore',
  'evidence:verify',
  'evidence:content',
  'evidence:freshness',
  'jobs:cancel',
  'settings:get',
  'settings:update',
  'packs:list',
  'packs:get',
  'packs:create',
  'packs:update',
  'packs:copy',
  'packs:delete',
  'packs:setControl',
  'packs:readiness',
  'packs:export',
  'packs:verifyPath',
  'packs:signingKey',
  'app:showInFolder',
  'requirements:decide',
  'org:get',
  'org:update',
  'people:list',
  'people:add',
  'people:update',
  'accounts:add',
  'accounts:update',
  'accounts:remove',
  'accounts:import',
  'units:list',
  'units:update',
  'frameworks:names',
  'collector:writeScript',
  'collector:import',
  'backup:status',
  'keys:list',
  'keys:trust',
  'oscal:exportSsp',
  'oscal:exportComponentDefinition',
  'oscal:importCatalog',
  'spreadsheets:export',
  'controls:import',
  'requirements:controls',
  'responsibility:column',
  'registers:list',
  'registers:switch',
  'registers:trySample',
  'registers:openFolder',
  'controls:exportRecord',
  'requests:list',
  'requests:import',
  'requests:update',
  'requests:export'
] as const
export type InvokeChannel = (typeof INVOKE_CHANNELS)[number]

/**
 * Channels that take file-system paths. The renderer never names a path itself: it reaches these
 * only through api.importFiles, which takes File objects the user dropped or picked.
 */
export const PATH_CHANNELS = [
  'evidence:import',
  'packs:verifyPath',
  'collector:import',
  'controls:import',
  'requests:import'
] as const satisfies readonly InvokeChannel[]
export type RendererChannel = Exclude<InvokeChannel, (typeof PATH_CHANNELS)[number]>

/** The channels window.api exposes as functions. */
export const RENDERER_CHANNELS = INVOKE_CHANNELS.filter(
  (channel): channel is RendererChannel => !(PATH_CHANNELS as readonly string[]).includes(channel)
)

/** Events the main process pushes to the renderer. */
export const EVENT_CHANNELS = ['register:changed', 'jobs:progress'] as const
export type EventChannel = (typeof EVENT_CHANNELS)[number]

export function isInvokeChannel(value: unknown): value is InvokeChannel {
  return typeof value === 'string' && (INVOKE_CHANNELS as readonly string[]).includes(value)
}

export function isEventChannel(value: unknown): value is EventChannel {
  return typeof value === 'string' && (EVENT_CHANNELS as readonly string[]).includes(value)
}
