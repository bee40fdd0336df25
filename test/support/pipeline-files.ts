import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/project-root.js';
import type { ApiClient } from './client.js';

/** Helpers for the pipelines-as-code suites (API and CLI). */
export const templateNames = [
  'b2b-standard',
  'fmcg-channel-short-cycle',
  'intent-6-stage',
  'manufacturing-long-cycle',
  'saas',
  'small-business',
] as const;

export const templatePath = (name: string): string =>
  join(PROJECT_ROOT, 'templates', 'pipelines', `${name}.yaml`);

export const templateText = (name: string): string => readFileSync(templatePath(name), 'utf8');

export interface FileStage {
  key: string;
  nameEn: string;
  entry?: unknown[];
  exit?: unknown[];
  actions?: unknown[];
  materials?: unknown[];
  approval?: unknown;
}

export interface StoredStage {
  id: string;
  key: string;
  nameEn: string;
  rules: { entry: unknown[]; exit: unknown[]; actions: unknown[]; materials: unknown[] };
}

export interface StoredPipeline {
  id: string;
  key: string;
  version: number;
  isDefault: boolean;
  stages: StoredStage[];
}

export interface FileProblem {
  code: string;
  errors?: { path: string; code: string; message: string; line?: number; column?: number }[];
}

/** PUTs file text the way an editor integration or `curl --data-binary` would. */
export function putFile<T = StoredPipeline>(
  client: ApiClient,
  key: string,
  text: string,
  contentType = 'application/yaml',
) {
  return client.request<T>('PUT', `/api/v1/pipeline-files/${key}`, undefined, {
    rawBody: text,
    headers: { 'content-type': contentType },
  });
}

/** The 1-based number of the line holding `needle` (first occurrence). */
export function lineOf(text: string, needle: string): number {
  const index = text.split('\n').findIndex((line) => line.includes(needle));
  if (index < 0) throw new Error(`no line with ${needle}`);
  return index + 1;
}
