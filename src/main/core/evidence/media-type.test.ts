import { describe, expect, it } from 'vitest'
import { encodePng } from '../samples/png'
import { detectMediaType } from './media-type'

describe('detectMediaType', () => {
  it.each([
    ['a PDF', Buffer.from('%PDF-1.7\n%âãÏÓ\n'), 'x.bin', 'application/pdf'],
    ['a PNG', encodePng(2, 2, () => [0, 0, 0]), 'x.txt', 'image/png'],
    ['a JPEG', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), 'x', 'image/jpeg'],
    ['a WebP', Buffer.from('RIFF\x10\x00\x00\x00WEBPVP8 ', 'latin1'), 'x', 'image/webp'],
    [
      'a Word document',
      Buffer.concat([Buffer.from([0x50, 0x4b, 3, 4]), Buffer.from('....[Content_Types].xml....word/document.xml')]),
      'x.zip',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
    ],
    ['a ZIP', Buffer.from([0x50, 0x4b, 3, 4, 1, 2, 3]), 'x', 'application/zip'],
    ['JSON', Buffer.from('\ufeff  {"Findings": []}'), 'findings', 'application/json'],
    ['CSV', Buffer.from('user,arn,mfa\na,b,true\nc,d,false\ne,f,true\n'), 'report', 'text/csv'],
    ['prose with a comma', Buffer.from('Reviewed, approved.\nAll good.\n'), 'notes.txt', 'text/plain'],
    ['SVG', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"></svg>'), 'x', 'image/svg+xml'],
    ['binary', Buffer.from([0, 1, 2, 3, 250, 251]), 'x.pdf', 'application/octet-stream']
  ])('recognises %s from its content', async (_label, head, name, expected) => {
    expect(await detectMediaType(head, name)).toBe(expected)
  })
})
