import { Button, Flex, Text } from '@radix-ui/themes'
import type { PDFDocumentProxy } from 'pdfjs-dist'
import { useEffect, useRef, useState } from 'react'
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url'
import { Loading } from '../../components/states'

type PdfDocument = PDFDocumentProxy

/**
 * A PDF drawn page by page onto a canvas by pdf.js: no plug-in, no links followed, no scripts
 * from the document run. Annotations and forms are drawn as part of the page, never as HTML.
 */
export function PdfPreview({ bytes, name }: { bytes: Uint8Array; name: string }) {
  const canvas = useRef<HTMLCanvasElement>(null)
  const [document, setDocument] = useState<PdfDocument | null>(null)
  const [page, setPage] = useState(1)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    let cancelled = false
    let loading: { destroy(): Promise<void> } | undefined
    void (async () => {
      try {
        const pdfjs = await import('pdfjs-dist')
        pdfjs.GlobalWorkerOptions.workerSrc = workerUrl
        const task = pdfjs.getDocument({ data: bytes.slice(), enableXfa: false })
        loading = task
        const loaded = await task.promise
        if (!cancelled) setDocument(loaded)
      } catch (reason) {
        if (!cancelled) setError(reason instanceof Error ? reason.message : String(reason))
      }
    })()
    return () => {
      cancelled = true
      void loading?.destroy()
    }
  }, [bytes])

  useEffect(() => {
    if (!document || !canvas.current) return
    let task: { cancel(): void; promise: Promise<void> } | undefined
    void document.getPage(page).then((pdfPage) => {
      const viewport = pdfPage.getViewport({ scale: 1.25 })
      const target = canvas.current!
      target.width = viewport.width
      target.height = viewport.height
      task = pdfPage.render({ canvas: target, viewport, annotationMode: 1 })
      task.promise.catch(() => undefined)
    })
    return () => task?.cancel()
  }, [document, page])

  if (error) {
    return (
      <Text as="p" size="2" color="amber">
        This PDF cannot be shown ({error}). It is stored unchanged; save a copy to open it elsewhere.
      </Text>
    )
  }
  if (!document) return <Loading label="Opening the PDF" />
  return (
    <Flex direction="column" gap="2">
      <Flex align="center" gap="2">
        <Button size="1" variant="soft" disabled={page <= 1} onClick={() => setPage(page - 1)}>
          Previous page
        </Button>
        <Text size="1" color="gray">
          Page {page} of {document.numPages}
        </Text>
        <Button size="1" variant="soft" disabled={page >= document.numPages} onClick={() => setPage(page + 1)}>
          Next page
        </Button>
      </Flex>
      <canvas ref={canvas} className="pdf-page" aria-label={`${name}, page ${page}`} role="img" />
    </Flex>
  )
}
