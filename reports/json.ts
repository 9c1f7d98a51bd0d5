/** report.json, the results contract; written atomically so no reader sees half a file. */
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ReportSchema, type Report } from './result.js';

export function renderJson(report: Report): string {
  return `${JSON.stringify(ReportSchema.parse(report), null, 2)}\n`;
}

export async function writeAtomic(dir: string, name: string, text: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, name);
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, text);
  await rename(tmp, path);
  return path;
}
