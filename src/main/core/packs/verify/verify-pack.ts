import { open as openFile } from 'node:fs/promises'
import type { PackVerification } from '../../../../shared/types'
import { failed } from './manifest-check'
import { verifyPdfFile } from './verify-pdf'
import { verifyPackZip } from './verify-zip'

export { verifyPackPdf, verifyPackPdfSource } from './verify-pdf'
export { verifyPackZip }

/** Verifies a pack file, PDF or ZIP, told apart by their first bytes. */
export async function verifyPackFile(path: string): Promise<PackVerification> {
  const handle = await openFile(path, 'r')
  const head = Buffer.alloc(5)
  await handle.read(head, 0, 5, 0)
  await handle.close()
  if (head.toString('latin1') === '%PDF-') return verifyPdfFile(path)
  if (head[0] === 0x50 && head[1] === 0x4b) return verifyPackZip(path)
  return failed('pdf', 'file', 'This is neither a PDF nor a ZIP made by Evidence Desk.')
}
