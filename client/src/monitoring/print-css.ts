/**
 * Print rules for the report: the shell's header and the page chrome go, the app's fixed-height
 * layout (html/body/#root at 100%, scrolling main) unrolls so every section prints, on A4 landscape.
 */
export const PRINT_CSS = `@media print {
  @page { size: A4 landscape; margin: 12mm; }
  html, body, #root, #root > div, main { height: auto !important; overflow: visible !important; display: block !important; background: #fff !important; }
  header { display: none !important; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}`;
