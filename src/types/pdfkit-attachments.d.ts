// pdfkit writes AFRelationship for attachments (PDF/A-3 associated files); its type definitions lack the option.
declare namespace PDFKit.Mixins {
  interface PDFAttachmentOptions {
    relationship?: 'Alternative' | 'Data' | 'Source' | 'Supplement' | 'Unspecified'
  }
}
