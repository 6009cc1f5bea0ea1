/**
 * Run by pdf-process.test.ts in its own Node process: renders one PDF page (which starts the
 * PDF process) and prints its own pid and the pids of its PDF processes. Then, with `exit`, it
 * just returns, leaving the renderer open; with `close`, it closes the renderer first (and lists
 * its PDF processes again); with `stay`, it waits to be killed.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { closeRenderer, renderPreview } from '../../../functions/lib/render/index.js';
import { makePdf } from './fixtures.js';
import { WATERMARK } from './support.js';

/** Child processes of this one that run the PDF worker entry (Linux /proc). */
function pdfProcesses(): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        return parent === process.pid && readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('pdf-worker');
      } catch {
        return false; // gone meanwhile
      }
    })
    .map(Number);
}

const mode = process.argv[2];
const out = await renderPreview({ bytes: makePdf({ pages: 2 }), name: 'two.pdf', page: 2, watermark: WATERMARK });
const report = { pid: process.pid, pdfProcesses: pdfProcesses(), pageCount: out.pageCount };
if (mode === 'close') {
  await closeRenderer();
  Object.assign(report, { afterClose: pdfProcesses() });
}
console.log(JSON.stringify(report));
if (mode === 'stay') setInterval(() => undefined, 60_000);
