// Writes the evaluation report to disk (the rendering itself is pure, in html-report.ts).
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { renderEvaluationReport, type EvaluationReportInput } from './html-report';

/** Renders and writes the report, creating the directory if needed; returns the HTML's size. */
export async function writeEvaluationReport(path: string, input: EvaluationReportInput): Promise<number> {
  const html = renderEvaluationReport(input);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, html, 'utf8');
  return Buffer.byteLength(html);
}
