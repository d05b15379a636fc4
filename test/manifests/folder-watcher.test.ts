import test, { type ExecutionContext } from 'ava';
import { mkdir, mkdtemp, readdir, rename, rm, truncate, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Cluster } from '../../src/cluster/cluster.js';
import type { KubeObject } from '../../src/api/types.js';
import type { ApplyReportLine } from '../../src/manifests/apply-folder.js';
import { applyManifestFolderOnce, watchManifestFolder, type ManifestFolderWatcher } from '../../src/manifests/folder-watcher.js';
import { SOURCE_FILE_ANNOTATION } from '../../src/manifests/object-ref.js';
import { copyExamples } from '../../src/manifests/examples.js';
import { MAX_EXPANDED_NODES } from '../../src/manifests/parse-manifest.js';

function configMap(name: string, data: Record<string, string>, namespace?: string): string {
  const lines = Object.entries(data).map(([k, v]) => `  ${k}: "${v}"`);
  return [
    'apiVersion: v1',
    'kind: ConfigMap',
    'metadata:',
    `  name: ${name}`,
    ...(namespace ? [`  namespace: ${namespace}`] : []),
    ...(lines.length > 0 ? ['data:', ...lines] : []),
    '',
  ].join('\n');
}

/** A ConfigMap's data (empty when it has none or is missing). */
function dataOf(object: KubeObject | undefined): Record<string, string> {
  return (object?.['data'] ?? {}) as Record<string, string>;
}

const docs = (...texts: string[]): string => texts.join('---\n');

interface Harness {
  dir: string;
  cluster: Cluster;
  watcher: ManifestFolderWatcher;
  lines: ApplyReportLine[];
  get(name: string, namespace?: string): KubeObject | undefined;
  errorsOf(file: string): string[];
  /** Waits, batch after batch of the watcher, until `predicate` holds. */
  until(predicate: () => boolean): Promise<void>;
  write(file: string, text: string): Promise<void>;
}

async function start(t: ExecutionContext, files: Record<string, string> = {}): Promise<Harness> {
  t.timeout(10_000);
  const dir = await mkdtemp(join(tmpdir(), 'k8s-playground-watch-'));
  const write = async (file: string, text: string): Promise<void> => {
    await mkdir(join(dir, file, '..'), { recursive: true });
    await writeFile(join(dir, file), text);
  };
  for (const [file, text] of Object.entries(files)) await write(file, text);
  const cluster = new Cluster({ seed: 1 });
  const lines: ApplyReportLine[] = [];
  const watcher = watchManifestFolder(cluster.api, dir, { onReport: (line) => lines.push(line), moveWindowMs: 200 });
  t.teardown(async () => {
    await watcher.close();
    cluster.dispose();
    await rm(dir, { recursive: true, force: true });
  });
  await watcher.ready;
  return {
    dir,
    cluster,
    watcher,
    lines,
    write,
    get: (name, namespace = 'default') => {
      const got = cluster.api.get('configmaps', namespace, name);
      return got.ok ? got.value : undefined;
    },
    errorsOf: (file) => (watcher.errors().get(file) ?? []).map((line) => line.text),
    until: async (predicate) => {
      while (!predicate()) await watcher.settled();
    },
  };
}

test('files present at the start are applied in dependency order, recursively, ignoring dotfiles and editor files', async (t) => {
  const h = await start(t, {
    'a-config.yaml': configMap('settings', { mode: 'on' }, 'team'),
    'z/namespace.yml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team\n',
    'deep/er/c.json': JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'from-json' } }),
    '.hidden.yaml': configMap('hidden', {}),
    'b.yaml~': configMap('backup', {}),
    '.b.yaml.swp': configMap('swap', {}),
    'notes.txt': configMap('text', {}),
  });
  t.is(dataOf(h.get('settings', 'team'))['mode'], 'on');
  t.is(h.get('settings', 'team')?.metadata.annotations?.[SOURCE_FILE_ANNOTATION], 'a-config.yaml');
  t.truthy(h.get('from-json'));
  t.deepEqual(
    ['hidden', 'backup', 'swap', 'text'].map((name) => h.get(name)),
    [undefined, undefined, undefined, undefined],
  );
  t.deepEqual(h.lines.map((l) => l.text), ['namespace/team created', 'configmap/settings created', 'configmap/from-json created']);
  t.deepEqual(h.watcher.errors(), new Map());
});

test('a changed file is applied as kubectl apply does, and an object removed from it is pruned', async (t) => {
  const h = await start(t, { 'app.yaml': docs(configMap('one', { a: '1', b: '2' }), configMap('two', {})) });
  const uid = h.get('one')?.metadata.uid;
  await h.write('app.yaml', configMap('one', { a: '1' }));
  await h.until(() => h.get('two') === undefined);
  t.deepEqual(dataOf(h.get('one')), { a: '1' });
  t.is(h.get('one')?.metadata.uid, uid);
  t.deepEqual(h.lines.slice(-2).map((l) => l.text), ['configmap/one configured', 'configmap/two pruned']);
});

test('an atomic save (temp file renamed over the file) updates the objects in place', async (t) => {
  const h = await start(t, { 'app.yaml': configMap('one', { v: 'old' }) });
  const uid = h.get('one')?.metadata.uid;
  await h.write('.app.yaml.tmp', configMap('one', { v: 'new' }));
  await rename(join(h.dir, '.app.yaml.tmp'), join(h.dir, 'app.yaml'));
  await h.until(() => dataOf(h.get('one'))['v'] === 'new');
  await h.watcher.idle();
  t.is(h.get('one')?.metadata.uid, uid);
  t.false(h.lines.some((l) => l.text.endsWith('pruned')));
});

test('a deleted file has its objects pruned and its errors cleared', async (t) => {
  const h = await start(t, { 'app.yaml': docs(configMap('one', {}), 'kind: [') });
  t.is(h.errorsOf('app.yaml').length, 1);
  await unlink(join(h.dir, 'app.yaml'));
  await h.until(() => h.get('one') === undefined);
  t.deepEqual(h.watcher.errors(), new Map());
});

test('a renamed or moved file keeps its objects and owns them under its new path', async (t) => {
  const h = await start(t, { 'old.yaml': configMap('one', { k: 'v' }) });
  const uid = h.get('one')?.metadata.uid;
  await mkdir(join(h.dir, 'sub'));
  await rename(join(h.dir, 'old.yaml'), join(h.dir, 'sub', 'new.yaml'));
  await h.until(() => h.get('one')?.metadata.annotations?.[SOURCE_FILE_ANNOTATION] === 'sub/new.yaml');
  await h.watcher.idle();
  t.is(h.get('one')?.metadata.uid, uid);
  t.false(h.lines.some((l) => l.text.endsWith('pruned')));
});

test('a file deleted and written again at once (an editor\'s save) keeps its objects', async (t) => {
  const h = await start(t, { 'app.yaml': configMap('one', { v: 'old' }) });
  const uid = h.get('one')?.metadata.uid;
  await unlink(join(h.dir, 'app.yaml'));
  await h.write('app.yaml', configMap('one', { v: 'new' }));
  await h.until(() => dataOf(h.get('one'))['v'] === 'new');
  await h.watcher.idle();
  t.is(h.get('one')?.metadata.uid, uid);
  t.false(h.lines.some((l) => l.text.endsWith('pruned')));
});

test('a file emptied mid-edit keeps its objects and lists an error until it is fixed', async (t) => {
  const h = await start(t, { 'app.yaml': configMap('one', {}) });
  await truncate(join(h.dir, 'app.yaml'), 0);
  await h.until(() => h.errorsOf('app.yaml').length > 0);
  t.deepEqual(h.errorsOf('app.yaml'), ['error: no objects passed to apply']);
  t.truthy(h.get('one'));
  await h.write('app.yaml', configMap('one', { fixed: 'yes' }));
  await h.until(() => h.errorsOf('app.yaml').length === 0);
  t.is(dataOf(h.get('one'))['fixed'], 'yes');
});

test('a YAML error is reported as file:line:col while the file\'s valid objects are applied and nothing is pruned', async (t) => {
  const h = await start(t, { 'app.yaml': docs(configMap('one', {}), configMap('two', {})) });
  await h.write('app.yaml', docs(configMap('one', { x: 'y' }), 'metadata:\n  name: [oops\n'));
  await h.until(() => h.errorsOf('app.yaml').length > 0);
  const [error] = h.watcher.errors().get('app.yaml') ?? [];
  t.is(error?.file, 'app.yaml');
  t.is(typeof error?.line, 'number');
  t.is(error?.ok === false ? typeof error.column : undefined, 'number');
  t.is(dataOf(h.get('one'))['x'], 'y');
  t.truthy(h.get('two'));
});

test('an invalid object shows the API server\'s message, stays listed until fixed, and the others are applied', async (t) => {
  const h = await start(t);
  await h.write('app.yaml', docs(configMap('Bad_Name', {}), configMap('good', {})));
  await h.until(() => h.errorsOf('app.yaml').length > 0);
  t.regex(h.errorsOf('app.yaml')[0] ?? '', /^The ConfigMap "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name"/);
  t.truthy(h.get('good'));
  await h.write('app.yaml', docs(configMap('good', { now: 'fine' })));
  await h.until(() => h.errorsOf('app.yaml').length === 0);
  t.is(dataOf(h.get('good'))['now'], 'fine');
});

test('a burst of 50 saves ends with the last content applied', async (t) => {
  const h = await start(t, { 'app.yaml': configMap('counter', { count: 'start' }) });
  for (let i = 0; i < 50; i++) await h.write('app.yaml', configMap('counter', { count: String(i) }));
  await h.until(() => dataOf(h.get('counter'))['count'] === '49');
  await h.watcher.idle();
  t.is(dataOf(h.get('counter'))['count'], '49');
  t.deepEqual(h.watcher.errors(), new Map());
});

test('an alias bomb, a 5 MiB file and a binary file are refused with a message and change nothing', async (t) => {
  const h = await start(t, { 'bomb.yaml': configMap('kept', {}) });
  let bomb = configMap('bomb', {}) + `a: &a [${Array(9).fill('"lol"').join(',')}]\n`;
  for (let i = 1; i < 9; i++) bomb += `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]\n`;
  await h.write('bomb.yaml', bomb);
  await h.write('big.yaml', `# ${'x'.repeat(5 * 1024 * 1024)}\n`);
  await h.write('blob.yaml', Buffer.from(Array.from({ length: 256 }, (_, i) => i)) as unknown as string);
  await h.until(() => ['bomb.yaml', 'big.yaml', 'blob.yaml'].every((f) => h.errorsOf(f).length > 0));
  t.deepEqual(h.errorsOf('bomb.yaml'), [
    `error converting YAML to JSON: yaml: document contains excessive aliasing (more than ${MAX_EXPANDED_NODES} nodes once aliases are expanded)`,
  ]);
  t.deepEqual(h.errorsOf('big.yaml'), [`the file is too large: ${5 * 1024 * 1024 + 3} bytes, limit is ${3 * 1024 * 1024}`]);
  t.regex(h.errorsOf('blob.yaml')[0] ?? '', /null byte is not allowed/);
  t.truthy(h.get('kept'));
  t.is(h.get('bomb'), undefined);
});

test('two files declaring the same object: a conflict naming both, the first keeps it until it lets go', async (t) => {
  const h = await start(t, { 'a.yaml': configMap('shared', { from: 'a' }) });
  const uid = h.get('shared')?.metadata.uid;
  await h.write('b.yaml', configMap('shared', { from: 'b' }));
  await h.until(() => h.errorsOf('b.yaml').length > 0);
  t.deepEqual(h.errorsOf('b.yaml'), ['error: configmap/shared in namespace "default" is declared in both "a.yaml" and "b.yaml": "a.yaml" applied it first and keeps it']);
  t.is(dataOf(h.get('shared'))['from'], 'a');
  await h.write('a.yaml', configMap('other', {}));
  await h.until(() => dataOf(h.get('shared'))['from'] === 'b');
  await h.watcher.idle();
  t.is(h.get('shared')?.metadata.uid, uid);
  t.is(h.get('shared')?.metadata.annotations?.[SOURCE_FILE_ANNOTATION], 'b.yaml');
  t.deepEqual(h.watcher.errors(), new Map());
});

test('applying a folder once goes through the same code and reports every line', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'k8s-playground-once-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  await writeFile(join(dir, 'a.yaml'), docs(configMap('one', {}), 'kind: ['));
  const cluster = new Cluster({ seed: 1 });
  const report = await applyManifestFolderOnce(cluster.api, dir);
  cluster.dispose();
  t.deepEqual(
    report.map((l) => [l.ok, l.text]),
    [
      [false, 'error converting YAML to JSON: yaml: unexpected end of the stream within a flow collection'],
      [true, 'configmap/one created'],
    ],
  );
});

test('--examples copies the samples into an empty folder only', async (t) => {
  const samples = await mkdtemp(join(tmpdir(), 'k8s-playground-samples-'));
  const empty = await mkdtemp(join(tmpdir(), 'k8s-playground-empty-'));
  const full = await mkdtemp(join(tmpdir(), 'k8s-playground-full-'));
  t.teardown(() => Promise.all([samples, empty, full].map((d) => rm(d, { recursive: true, force: true }))));
  await writeFile(join(samples, 'nginx.yaml'), configMap('x', {}));
  await writeFile(join(full, 'mine.yaml'), configMap('y', {}));
  t.deepEqual(await copyExamples(empty, samples), { ok: true, copied: ['nginx.yaml'] });
  t.deepEqual(await readdir(empty), ['nginx.yaml']);
  t.deepEqual(await copyExamples(full, samples), { ok: true, copied: [] });
  t.deepEqual(await readdir(full), ['mine.yaml']);
});
