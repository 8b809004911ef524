// The PDF half of printing, kept apart from the layout so that what only needs pages (the status
// bar, the preview) does not load pdfkit and fontkit.
export { renderPdf, writeFileAtomic, type PdfExportOptions } from './pdfExport';
export { PrintCancelled, type PdfResult } from './pdfWriter';
export { bundledFontsDir } from './fonts';
