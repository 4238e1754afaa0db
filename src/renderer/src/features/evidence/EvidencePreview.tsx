import { Text } from '@radix-ui/themes'
import { useQuery } from '@tanstack/react-query'
import { lazy, Suspense, useEffect, useMemo } from 'react'
import type { EvidenceDetail } from '@shared/types'
import { call } from '../../api/client'
import { ErrorCallout, Loading } from '../../components/states'

const PdfPreview = lazy(() => import('./PdfPreview').then((module) => ({ default: module.PdfPreview })))

const PREVIEW_LIMIT = 25 * 1024 * 1024
const TEXT_LIMIT = 200 * 1024
const IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/svg+xml', 'image/bmp'])

function decode(base64: string): Uint8Array {
  const binary = atob(base64)
  const bytes = new Uint8Array(binary.length)
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index)
  return bytes
}

function ImagePreview({ bytes, mediaType, name }: { bytes: Uint8Array; mediaType: string; name: string }) {
  // An <img> never runs scripts, not even an SVG's.
  const url = useMemo(() => URL.createObjectURL(new Blob([bytes.slice()], { type: mediaType })), [bytes, mediaType])
  useEffect(() => () => URL.revokeObjectURL(url), [url])
  return <img src={url} alt={name} className="image-preview" />
}

/** A safe look at the file: PDFs drawn by pdf.js, images as images, text as text, nothing executed. */
export function EvidencePreview({ item }: { item: EvidenceDetail }) {
  const tooLarge = item.size > PREVIEW_LIMIT
  const content = useQuery({
    queryKey: ['evidence:content', item.id, item.sha256],
    queryFn: () => call('evidence:content', { id: item.id, maxBytes: PREVIEW_LIMIT }),
    enabled: !tooLarge,
    staleTime: Infinity
  })
  const bytes = useMemo(() => (content.data ? decode(content.data.base64) : null), [content.data])

  if (tooLarge) {
    return (
      <Text as="p" size="2" color="gray">
        This file is too large to preview here. Its SHA-256 identifies it exactly.
      </Text>
    )
  }
  if (content.isPending) return <Loading label="Loading the preview" />
  if (content.isError || !bytes) return <ErrorCallout error={content.error} title="No preview" />
  if (item.mediaType === 'application/pdf') {
    return (
      <Suspense fallback={<Loading label="Opening the PDF" />}>
        <PdfPreview bytes={bytes} name={item.originalName} />
      </Suspense>
    )
  }
  if (IMAGE_TYPES.has(item.mediaType))
    return <ImagePreview bytes={bytes} mediaType={item.mediaType} name={item.originalName} />
  if (
    item.mediaType.startsWith('text/') ||
    item.mediaType === 'application/json' ||
    item.mediaType === 'application/xml'
  ) {
    const text = new TextDecoder().decode(bytes.subarray(0, TEXT_LIMIT))
    return (
      <pre className="text-preview" aria-label={`Contents of ${item.originalName}`}>
        {text}
        {bytes.length > TEXT_LIMIT ? '\n…' : ''}
      </pre>
    )
  }
  return (
    <Text as="p" size="2" color="gray">
      There is no preview for {item.mediaType} files.
    </Text>
  )
}
