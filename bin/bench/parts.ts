/**
 * Parts that features add to `npm run bench` (see bin/bench/part.ts): one entry each, over the
 * feature's own measuring module (runnable alone). They run after the core parts, on the same
 * local runtime and fixtures, in this order, and their sections and target rows follow the
 * core ones in docs/performance.md.
 */
import type { BenchPart } from './part.js';
import { targetRow } from './part.js';
import { measureRecipientFirstLoad } from './recipient-page.js';
import { measurePreviews } from './recipient-previews.js';
import { measureTransfers } from './recipient-transfers.js';
import { measureRequestUpload, REQUEST_UPLOAD_TARGET } from './request-upload.js';
import { kb, ms, ratio } from './stats.js';

/** The recipient page's first paint: its script and static chunks, the viewers apart. */
const recipientFirstLoadPart: BenchPart = {
  name: 'recipient page first load',
  async run() {
    const result = await measureRecipientFirstLoad();
    return {
      sections: [
        {
          title: 'Recipient page: first load and chunks loaded on demand',
          intro:
            "share.html's script and the chunks it imports statically, gzipped (zlib level 6); the viewers, Markdown and client-zip load when a person opens a viewer or a zip.",
          header: ['script', 'raw', 'gzipped'],
          rows: [
            [`first load (${result.firstLoad.files} files)`, kb(result.firstLoad.bytes), kb(result.firstLoad.gzip)],
            ...result.onDemand.map((chunk) => [`on demand: ${chunk.file}`, kb(chunk.bytes), kb(chunk.gzip)]),
          ],
        },
      ],
      targets: [
        targetRow({
          row: 'recipient page first load JavaScript (viewers excluded)',
          target: `≤ ${kb(result.limitGzip)} gzipped`,
          value: result.firstLoad.gzip,
          limit: result.limitGzip,
          measured: kb(result.firstLoad.gzip),
          why: 'web/build.ts splits the recipient page; firstLoadScripts follows its static imports only.',
        }),
      ],
    };
  },
};

/** Previews through the deployed path against the renderer alone, and a cached render against the download-URL step. */
const previewsPart: BenchPart = {
  name: 'previews',
  async run({ runtime, knob }) {
    const result = await measurePreviews(runtime, { runs: knob('BENCH_PREVIEW_RUNS', 7) });
    const rows = result.uncached.map((row) => [`${row.name}, first render`, ms(row.deployedP50Ms), ms(row.floorP50Ms), ratio(row.ratio)]);
    rows.push([
      'cached render vs warm download URL',
      ms(result.cached.cachedP50Ms),
      ms(result.cached.downloadUrlP50Ms),
      ratio(result.cached.ratio),
    ]);
    return {
      sections: [
        {
          title: 'Previews (secure view)',
          intro:
            'Each first render previews its own copy (uncached): HTTP → recipient function → Invoke → renderer function → S3, against the renderer alone in this process on the same input (the floor). The cached row asks the same preview again, interleaved with the warm download-URL step.',
          header: ['preview', 'deployed path p50', 'floor / reference p50', 'ratio'],
          rows,
        },
      ],
      targets: [
        ...result.uncached.map((row) =>
          targetRow({
            row: `${row.name}, first render p50`,
            target: `≤ ${row.limit}x the renderer alone`,
            value: row.ratio,
            limit: row.limit,
            measured: `${ms(row.deployedP50Ms)} vs ${ms(row.floorP50Ms)} (${ratio(row.ratio)}, ${row.runs} runs)`,
            why: 'The difference is the recipient function, the Invoke round trip and the S3 write of the render.',
          }),
        ),
        targetRow({
          row: 'cached render p50',
          target: `≤ ${result.cached.limit}x the warm download-URL step`,
          value: result.cached.ratio,
          limit: result.cached.limit,
          measured: `${ms(result.cached.cachedP50Ms)} vs ${ms(result.cached.downloadUrlP50Ms)} (${ratio(result.cached.ratio)})`,
          why: 'A cached render is one HEAD of previews/<key> and a presign, next to a download URL.',
        }),
      ],
    };
  },
};

/** A zip transfer's first page of URLs for a 10,000-file folder against a 100-file one. */
const transfersPart: BenchPart = {
  name: 'transfers',
  async run({ runtime, knob }) {
    const result = await measureTransfers(runtime, { repetitions: knob('BENCH_TRANSFER_REPETITIONS', 30) });
    return {
      sections: [
        {
          title: 'Zip transfers: first page of 100 URLs',
          intro:
            'The first page asked of a transfer of each folder, interleaved request by request; creating each transfer counts its folder.',
          header: ['folder', 'first page p50', 'creating the transfer'],
          rows: [
            [`${result.largeFiles.toLocaleString('en-US')} files`, ms(result.largeP50Ms), ms(result.createMs.large)],
            [`${result.smallFiles} files`, ms(result.smallP50Ms), ms(result.createMs.small)],
          ],
        },
      ],
      targets: [
        targetRow({
          row: `transfer first page, ${result.largeFiles.toLocaleString('en-US')}-file folder`,
          target: `≤ ${result.limit}x the ${result.smallFiles}-file folder`,
          value: result.ratio,
          limit: result.limit,
          measured: `${ms(result.largeP50Ms)} vs ${ms(result.smallP50Ms)} (${ratio(result.ratio)}, ${result.repetitions} repetitions)`,
          why: 'A page lists at most 100 objects from its cursor and signs them in parallel, whatever the folder holds.',
        }),
      ],
    };
  },
};

/** File requests: the uploader page's script, and a large file through a request next to `aws s3 cp`. */
const requestUploadPart: BenchPart = {
  name: 'file request upload',
  async run({ runtime, knob }) {
    const result = await measureRequestUpload(runtime, { sizeMiB: knob('BENCH_REQUEST_MIB', 256), runs: knob('BENCH_REQUEST_RUNS', 3) });
    const seconds = (value: number) => `${(value / 1000).toFixed(2)} s`;
    return {
      sections: [
        {
          title: `File requests: ${result.sizeMiB} MiB through an upload link vs aws s3 cp`,
          intro: `The uploader page's flow (start, 16 MiB parts, ${result.partsInFlight} in flight, complete) and Debian's AWS CLI to the same local S3, taking turns. The uploader page's JavaScript: ${kb(result.pageJs.gzip)} gzipped.`,
          header: ['turn', 'request flow', 'aws s3 cp', 'ratio'],
          rows: [
            ...result.runs.map((run, i) => [
              String(i + 1),
              seconds(run.requestMs),
              seconds(run.awsCliMs),
              ratio(run.requestMs / run.awsCliMs),
            ]),
            ['median', seconds(result.requestMedianMs), seconds(result.awsCliMedianMs), ratio(result.ratio)],
          ],
        },
      ],
      targets: [
        targetRow({
          row: `${result.sizeMiB} MiB through a file request`,
          target: `≤ ${REQUEST_UPLOAD_TARGET}x aws s3 cp`,
          value: result.ratio,
          limit: REQUEST_UPLOAD_TARGET,
          measured: `${seconds(result.requestMedianMs)} vs ${seconds(result.awsCliMedianMs)} (${ratio(result.ratio)})`,
          why: 'Parts go straight to storage through presigned URLs; the API only starts and completes.',
        }),
      ],
    };
  },
};

export const featureParts: BenchPart[] = [recipientFirstLoadPart, previewsPart, transfersPart, requestUploadPart];
