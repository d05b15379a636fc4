/**
 * `--examples`: the package's sample manifests (its `manifests/` folder), copied into the user's
 * manifests folder when that folder is empty — the only time the playground writes into it.
 */
import { cp, readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/** The package's own `manifests/` folder (this file is `dist/src/manifests/examples.js`). */
export function examplesDir(): string {
  return fileURLToPath(new URL('../../../manifests/', import.meta.url));
}

/** What `--examples` did: the files copied (none when the folder was not empty), or why it failed. */
export type CopyExamplesResult = { ok: true; copied: string[] } | { ok: false; message: string };

/** Copies the sample manifests from `from` into `dir` when `dir` has no entries (dotfiles aside). */
export async function copyExamples(dir: string, from: string = examplesDir()): Promise<CopyExamplesResult> {
  try {
    const present = (await readdir(dir)).filter((name) => !name.startsWith('.'));
    if (present.length > 0) return { ok: true, copied: [] };
    const samples = (await readdir(from, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile());
    await cp(from, dir, { recursive: true, errorOnExist: false, force: false });
    return { ok: true, copied: samples.map((entry) => entry.name).sort() };
  } catch (error) {
    return { ok: false, message: `cannot copy the examples into ${dir}: ${(error as Error).message}` };
  }
}
