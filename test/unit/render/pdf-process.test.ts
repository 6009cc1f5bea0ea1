/**
 * The PDF process's life is tied to its parent's: an idle one does not keep the parent alive,
 * and it does not outlive the parent, whether the parent ends by itself or is killed.
 * Linux: the processes are found in /proc.
 */
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const child = path.resolve('test/unit/render/pdf-process-child.ts');
const nodeArgs = ['--import', 'tsx', child];

interface Report {
  pid: number;
  pdfProcesses: number[];
  pageCount: number;
  afterClose?: number[];
}

/** Whether the process runs (a zombie, ended but not yet reaped, does not). */
function running(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

async function gone(pids: number[], withinMs: number): Promise<number[]> {
  const until = Date.now() + withinMs;
  while (pids.some(running) && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 100));
  return pids.filter(running);
}

describe('the PDF process and its parent', () => {
  it('an idle PDF process lets its parent exit, and ends with it', { timeout: 60_000 }, async () => {
    const result = spawnSync(process.execPath, [...nodeArgs, 'exit'], { encoding: 'utf8', timeout: 50_000 });
    expect(result.status, `${result.error ?? ''}${result.stderr}`).toBe(0);
    const report = JSON.parse(result.stdout.trim().split('\n').at(-1)!) as Report;
    expect(report.pageCount).toBe(2);
    expect(report.pdfProcesses).toHaveLength(1);
    expect(await gone(report.pdfProcesses, 5_000)).toEqual([]);
  });

  it('closing the renderer ends the PDF process before it returns', { timeout: 60_000 }, () => {
    const result = spawnSync(process.execPath, [...nodeArgs, 'close'], { encoding: 'utf8', timeout: 50_000 });
    // Exit code 13 would mean the close was still waiting when nothing else held this process open.
    expect(result.status, `${result.error ?? ''}${result.stderr}`).toBe(0);
    const report = JSON.parse(result.stdout.trim().split('\n').at(-1)!) as Report;
    expect(report.pdfProcesses).toHaveLength(1);
    expect(report.afterClose).toEqual([]);
  });

  it('a parent killed outright (SIGKILL, no exit handler runs) takes its idle PDF process with it', { timeout: 60_000 }, async () => {
    const parent = spawn(process.execPath, [...nodeArgs, 'stay'], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      parent.stdout.setEncoding('utf8');
      let output = '';
      for await (const chunk of parent.stdout) {
        output += chunk as string;
        if (output.includes('\n')) break;
      }
      const report = JSON.parse(output.trim()) as Report;
      expect(report.pdfProcesses).toHaveLength(1);
      expect(running(report.pdfProcesses[0]!)).toBe(true);
      const exited = once(parent, 'exit');
      parent.kill('SIGKILL');
      await exited;
      expect(await gone(report.pdfProcesses, 10_000)).toEqual([]);
    } finally {
      parent.kill('SIGKILL');
    }
  });
});
