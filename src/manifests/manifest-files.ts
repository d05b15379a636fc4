/**
 * Which files of a manifests folder are manifests: `*.yaml`, `*.yml`, `*.json`, recursively,
 * never dotfiles or editors' swap, backup and temporary files.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

const MANIFEST_EXTENSIONS = ['.yaml', '.yml', '.json'];

/** True for a path (relative to the folder) that holds manifests. */
export function isManifestPath(relativePath: string): boolean {
  const parts = relativePath.split(/[\\/]/);
  if (parts.some((part) => part.startsWith('.') || part === 'node_modules')) return false;
  const base = parts[parts.length - 1] ?? '';
  if (base.endsWith('~') || base.startsWith('#')) return false;
  return MANIFEST_EXTENSIONS.some((ext) => base.endsWith(ext));
}

/** Manifest files under `dir`, as paths relative to it, sorted. */
export async function listManifestFiles(dir: string): Promise<string[]> {
  const found: string[] = [];
  async function walk(current: string): Promise<void> {
    const entries = await readdir(current, { withFileTypes: true });
    for (const entry of entries) {
      const full = join(current, entry.name);
      const rel = relative(dir, full).split(sep).join('/');
      if (entry.name.startsWith('.')) continue;
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile() && isManifestPath(rel)) found.push(rel);
    }
  }
  await walk(dir);
  return found.sort();
}

/** Reads a manifest file; its size is checked before reading it whole. */
export async function readManifestFile(path: string, maxBytes: number): Promise<{ ok: true; text: string } | { ok: false; message: string }> {
  try {
    const info = await stat(path);
    if (info.size > maxBytes) return { ok: false, message: `the file is too large: ${info.size} bytes, limit is ${maxBytes}` };
    return { ok: true, text: await readFile(path, 'utf8') };
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
}
