/**
 * The API flags end to end: the real `k8s-playground --headless` binary serving the Kubernetes API
 * on a port (`--api-port`), writing the kubeconfig where it is told (`--kubeconfig`), or not
 * serving at all (`--no-api`). Live mode runs until SIGINT, so each test starts the binary, waits
 * for what it prints, talks to it, and stops it the way a user presses Ctrl-C.
 */
import test from 'ava';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file runs as dist/test/e2e/cli-api.test.js). */
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const BIN = join(ROOT, 'bin', 'k8s-playground.js');
const WAIT_MS = 20_000;

interface Playground {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
}

function startPlayground(args: string[]): Playground {
  const child = spawn(process.execPath, [BIN, '--headless', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, stdout: () => out, stderr: () => err, exited };
}

/** Polls `read` until it matches `pattern` (the binary prints as it starts; this is I/O, not cluster time). */
async function waitFor(read: () => string, pattern: RegExp): Promise<RegExpExecArray> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const match = pattern.exec(read());
    if (match !== null) return match;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${String(pattern)} in:\n${read()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'k8s-playground-cli-api-'));
}

test('--api-port 0 --kubeconfig FILE serves the API, writes the kubeconfig and prints the export line', async (t) => {
  const dir = await tempDir();
  const kubeconfig = join(dir, 'nested', 'config');
  const playground = startPlayground(['--api-port', '0', '--kubeconfig', kubeconfig, join(dir, 'manifests')]);
  try {
    await waitFor(playground.stderr, /^export KUBECONFIG=(.+)$/m);
    t.regex(playground.stderr(), new RegExp(`^export KUBECONFIG=${kubeconfig.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`, 'm'));
    const text = await readFile(kubeconfig, 'utf8');
    const server = /server: (http:\/\/127\.0\.0\.1:\d+)/.exec(text)?.[1];
    t.truthy(server, text);
    t.regex(text, /^current-context: k8s-playground$/m);
    const version = (await (await fetch(`${server}/version`)).json()) as { gitVersion: string };
    t.is(version.gitVersion, 'v1.32.0');
    const nodes = (await (await fetch(`${server}/api/v1/nodes`)).json()) as { items: { metadata: { name: string } }[] };
    t.true(nodes.items.some((node) => node.metadata.name === 'control-plane'));
  } finally {
    playground.child.kill('SIGINT');
  }
  t.is(await playground.exited, 0);
});

test('a pod created through the API shows in the headless event lines at once', async (t) => {
  const dir = await tempDir();
  const kubeconfig = join(dir, 'kubeconfig');
  const playground = startPlayground(['--api-port', '0', '--kubeconfig', kubeconfig, '--speed', '10', join(dir, 'manifests')]);
  try {
    await waitFor(playground.stderr, /^export KUBECONFIG=/m);
    const server = /server: (\S+)/.exec(await readFile(kubeconfig, 'utf8'))?.[1] ?? '';
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'from-http' }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } };
    const created = await fetch(`${server}/api/v1/namespaces/default/pods`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(pod),
    });
    t.is(created.status, 201);
    await waitFor(playground.stdout, /Successfully assigned default\/from-http to node-\d/);
    await waitFor(playground.stdout, /Started container c/);
    t.pass();
  } finally {
    playground.child.kill('SIGINT');
  }
  t.is(await playground.exited, 0);
});

test('--no-api serves nothing and writes no kubeconfig', async (t) => {
  const dir = await tempDir();
  const kubeconfig = join(dir, 'kubeconfig');
  await writeFile(join(dir, 'marker'), '');
  const playground = startPlayground(['--no-api', '--kubeconfig', kubeconfig, join(dir, 'manifests')]);
  try {
    // The first event lines show the cluster is up; by then the front would have been listening.
    await waitFor(playground.stdout, /Registered Node|RegisteredNode|Starting kubelet/);
    t.false(existsSync(kubeconfig));
    t.notRegex(playground.stderr(), /export KUBECONFIG/);
  } finally {
    playground.child.kill('SIGINT');
  }
  t.is(await playground.exited, 0);
});

test('a port already in use is a clear error and exit 2', async (t) => {
  const blocker: Server = createServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  const port = (blocker.address() as AddressInfo).port;
  const dir = await tempDir();
  const playground = startPlayground(['--api-port', String(port), '--kubeconfig', join(dir, 'kubeconfig'), join(dir, 'manifests')]);
  const code = await playground.exited;
  blocker.close();
  t.is(code, 2);
  t.regex(playground.stderr(), new RegExp(`cannot serve the Kubernetes API on 127\\.0\\.0\\.1:${port}: .*EADDRINUSE.*\\(use --api-port or --no-api\\)`));
  t.false(existsSync(join(dir, 'kubeconfig')));
});
