import test from 'ava';
import { existsSync, readFileSync } from 'node:fs';
import type { JsonObject } from '../../src/api/types.js';
import {
  MAX_ALIASES_PER_DOCUMENT,
  MAX_DOCUMENTS_PER_FILE,
  MAX_EXPANDED_NODES,
  MAX_FILE_BYTES,
  MAX_NESTING_DEPTH,
  parseManifest,
  type ParsedManifest,
} from '../../src/manifests/parse-manifest.js';

const CONFIGMAP = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n';

function parse(text: string, file = 'm.yaml'): ParsedManifest {
  return parseManifest(text, file);
}

/** The single object of a manifest that must parse cleanly. */
function only(text: string): JsonObject {
  const parsed = parse(text);
  if (parsed.errors.length > 0 || parsed.objects.length !== 1) throw new Error(JSON.stringify(parsed.errors));
  return parsed.objects[0]!.object as unknown as JsonObject;
}

/** The single error message of a manifest. */
function errorOf(text: string, file = 'm.yaml'): string {
  const parsed = parse(text, file);
  if (parsed.errors.length !== 1) throw new Error(`expected one error, got ${JSON.stringify(parsed.errors)}`);
  return parsed.errors[0]!.message;
}

function dataOf(yaml: string): JsonObject {
  return only(`${CONFIGMAP}data:\n${yaml}`)['data'] as JsonObject;
}

// ---- the corpus of real manifests -------------------------------------------------------------

const CORPUS = '/work/shared/corpus/k8s-examples';
const corpusTest = existsSync(`${CORPUS}/INDEX.tsv`) ? test : test.skip;
const TEMPLATE = 'examples/_archived/newrelic-infrastructure/newrelic-config-template.yaml';
const COMMENTS_ONLY = 'examples/_archived/newrelic/newrelic-config.yaml';
const rows = existsSync(`${CORPUS}/INDEX.tsv`)
  ? readFileSync(`${CORPUS}/INDEX.tsv`, 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split('\t'))
  : [];

for (const [file = '', kinds = '', documents = ''] of rows) {
  if (file === TEMPLATE) continue;
  corpusTest(`corpus file ${file} gives ${documents} object(s) of kind ${kinds}`, (t) => {
    const parsed = parse(readFileSync(`${CORPUS}/${file}`, 'utf8'), file);
    t.deepEqual(parsed.errors, []);
    t.is(parsed.objects.length, Number(documents));
    const expected = kinds === '-' ? [] : kinds.split(',');
    t.deepEqual([...new Set(parsed.objects.map((o) => o.object.kind))].sort(), [...new Set(expected)].sort());
  });
}

corpusTest('the comment-only corpus file gives no objects and no error', (t) => {
  t.deepEqual(parse(readFileSync(`${CORPUS}/${COMMENTS_ONLY}`, 'utf8'), COMMENTS_ONLY), { objects: [], errors: [] });
});

corpusTest('the template corpus file is refused with go-yaml invalid map key error', (t) => {
  const parsed = parse(readFileSync(`${CORPUS}/${TEMPLATE}`, 'utf8'), TEMPLATE);
  t.deepEqual(parsed.objects, []);
  t.deepEqual(parsed.errors, [
    {
      file: TEMPLATE,
      line: 7,
      column: 12,
      documentIndex: 0,
      message: 'error converting YAML to JSON: yaml: invalid map key: map[interface {}]interface {}{"config_data":interface {}(nil)}',
    },
  ]);
});

corpusTest('multi-document corpus files give each object the line its document starts on', (t) => {
  const parsed = parse(readFileSync(`${CORPUS}/website/pods/pod-rs.yaml`, 'utf8'));
  const text = readFileSync(`${CORPUS}/website/pods/pod-rs.yaml`, 'utf8').split('\n');
  for (const { line, documentIndex } of parsed.objects) t.is(text[line - 1], 'apiVersion: v1', `document ${documentIndex}`);
  t.deepEqual(
    parsed.objects.map((o) => o.documentIndex),
    [0, 1],
  );
});

// ---- YAML 1.1 scalars as go-yaml v2 resolves them ----------------------------------------------

test('yes, no, on, off, y and n are booleans as in YAML 1.1, in every spelling go-yaml knows', (t) => {
  const data = dataOf('  a: yes\n  b: No\n  c: ON\n  d: off\n  e: y\n  f: N\n  g: True\n  h: FALSE\n');
  t.deepEqual(data, { a: true, b: false, c: true, d: false, e: true, f: false, g: true, h: false });
});

test('quoted booleans and unusual capitalisations stay strings', (t) => {
  t.deepEqual(dataOf('  a: "yes"\n  b: \'on\'\n  c: yEs\n  d: oN\n'), { a: 'yes', b: 'on', c: 'yEs', d: 'oN' });
});

test('boolean-like keys become the strings true and false, the later one winning', (t) => {
  t.deepEqual(dataOf('  yes: 1\n  on: 2\n  n: 3\n'), { true: 2, false: 3 });
});

test('0755 and 0o755 are both octal, and 08 is the number 8', (t) => {
  t.deepEqual(dataOf('  a: 0755\n  b: 0o755\n  c: 08\n  d: "0755"\n'), { a: 493, b: 493, c: 8, d: '0755' });
});

test('hex, binary, underscores, signs and exponents follow Go number syntax', (t) => {
  t.deepEqual(dataOf('  a: 0x1F\n  b: 0b101\n  c: 1_000\n  d: +12\n  e: 1e3\n  f: .5\n  g: -0\n  h: 1.\n'), {
    a: 31,
    b: 5,
    c: 1000,
    d: 12,
    e: 1000,
    f: 0.5,
    g: 0,
    h: 1,
  });
});

test('timestamps stay the exact strings written', (t) => {
  t.deepEqual(dataOf('  a: 2024-01-01\n  b: 2001-12-14t21:59:43.10-05:00\n  c: 2001-12-14 21:59:43.10\n'), {
    a: '2024-01-01',
    b: '2001-12-14t21:59:43.10-05:00',
    c: '2001-12-14 21:59:43.10',
  });
});

test('sexagesimal numbers and out-of-range floats stay strings', (t) => {
  t.deepEqual(dataOf('  a: 12:30\n  b: 1e400\n'), { a: '12:30', b: '1e400' });
});

test('integers beyond 2^53 lose precision, as JSON numbers do', (t) => {
  t.deepEqual(dataOf('  a: 9007199254740993\n'), { a: 9007199254740992 });
});

test('.inf and .nan are refused the way json.Marshal refuses them', (t) => {
  t.is(errorOf(`${CONFIGMAP}x: .inf\n`), 'error converting YAML to JSON: json: unsupported value: +Inf');
  t.is(errorOf(`${CONFIGMAP}x: [-.Inf]\n`), 'error converting YAML to JSON: json: unsupported value: -Inf');
  t.is(errorOf(`${CONFIGMAP}x: .NaN\n`), 'error converting YAML to JSON: json: unsupported value: NaN');
});

test('int, float and date keys become strings the way sigs.k8s.io/yaml formats them', (t) => {
  t.deepEqual(dataOf('  10: a\n  0x10: b\n  1.5: c\n  1e6: d\n  2024-01-01: e\n'), {
    10: 'a',
    16: 'b',
    '1.5': 'c',
    '1e+06': 'd',
    '2024-01-01': 'e',
  });
});

test('a null key is refused with the sigs.k8s.io/yaml message', (t) => {
  t.is(
    errorOf(`${CONFIGMAP}data:\n  ~: v\n`),
    'error converting YAML to JSON: unsupported map key of type: %!s(<nil>), key: <nil>, value: "v"',
  );
});

test('explicit tags force a type, and a mismatch is go-yaml error', (t) => {
  t.deepEqual(dataOf('  a: !!str 12\n  b: !!float 3\n  c: !custom 12\n  d: !!binary aGk=\n  e: !!int "7"\n'), {
    a: '12',
    b: 3,
    c: '12',
    d: 'hi',
    e: 7,
  });
  t.is(errorOf(`${CONFIGMAP}x: !!int abc\n`), 'error converting YAML to JSON: yaml: cannot decode !!str `abc` as a !!int');
});

// ---- mappings: merge keys, duplicates, keys that are not scalars -------------------------------

test('a merge key overrides keys written before it and is overridden by keys after it', (t) => {
  const object = only(`${CONFIGMAP}base: &base {a: 1, b: 2}\nm:\n  a: 0\n  <<: *base\n  b: 3\n`);
  t.deepEqual(object['m'], { a: 1, b: 3 });
});

test('in a list of merged mappings the earlier mapping wins', (t) => {
  t.deepEqual(only(`${CONFIGMAP}m:\n  <<: [{a: 1}, {a: 2, c: 3}]\n`)['m'], { a: 1, c: 3 });
});

test('a quoted << is an ordinary key', (t) => {
  t.deepEqual(only(`${CONFIGMAP}m:\n  "<<": x\n`)['m'], { '<<': 'x' });
});

test('merging something other than mappings is refused', (t) => {
  const message = 'error converting YAML to JSON: yaml: map merge requires map or sequence of maps as the value';
  t.is(errorOf(`${CONFIGMAP}m:\n  <<: 5\n`), message);
  t.is(errorOf(`${CONFIGMAP}l: &l [{a: 1}]\nm:\n  <<: *l\n`), message);
});

test('a duplicate key keeps the later value', (t) => {
  t.deepEqual(dataOf('  a: 1\n  a: 2\n'), { a: 2 });
});

test('an alias used as a key to a mapping is an invalid map key', (t) => {
  t.is(
    errorOf(`${CONFIGMAP}badkey: &anchor\n  baz: qux\nfield: { *anchor : "bar"}\n`),
    'error converting YAML to JSON: yaml: invalid map key: map[interface {}]interface {}{"baz":"qux"}',
  );
});

test('a sequence used as a key is an invalid map key', (t) => {
  t.is(errorOf(`${CONFIGMAP}? [a, 1]\n: v\n`), 'error converting YAML to JSON: yaml: invalid map key: []interface {}{"a", 1}');
});

test('a __proto__ key is kept as data', (t) => {
  const data = dataOf('  __proto__: x\n');
  t.true(Object.hasOwn(data, '__proto__'));
  t.is(Object.getPrototypeOf(data), Object.prototype);
});

// ---- documents ----------------------------------------------------------------------------------

test('a broken document loses only itself and its error has the file line and column', (t) => {
  const text = `${CONFIGMAP}---\n${CONFIGMAP}data:\n  a: b: c\n---\n${CONFIGMAP}`;
  const parsed = parse(text);
  t.deepEqual(
    parsed.objects.map((o) => [o.documentIndex, o.line]),
    [
      [0, 1],
      [2, 13],
    ],
  );
  t.deepEqual(parsed.errors, [
    { file: 'm.yaml', line: 11, column: 7, documentIndex: 1, message: 'error converting YAML to JSON: yaml: bad indentation of a mapping entry' },
  ]);
});

test('empty and comment-only documents are skipped and not counted', (t) => {
  const parsed = parse(`# licence\n---\n---\n# nothing here\n---\n${CONFIGMAP}`);
  t.deepEqual(parsed.errors, []);
  t.deepEqual(
    parsed.objects.map((o) => [o.documentIndex, o.line]),
    [[0, 6]],
  );
});

test('a --- line inside a block scalar does not split the document', (t) => {
  t.deepEqual(dataOf('  script: |\n    echo a\n    ---\n    echo b\n'), { script: 'echo a\n---\necho b\n' });
});

test('text after --- is kubectl invalid separator error and loses the next document only', (t) => {
  const parsed = parse(`${CONFIGMAP}--- {a: 1}\n${CONFIGMAP}---\n${CONFIGMAP}`);
  t.is(parsed.objects.length, 2);
  t.deepEqual(parsed.errors, [{ file: 'm.yaml', line: 5, column: 1, documentIndex: 1, message: 'invalid Yaml document separator: {a: 1}' }]);
});

test('Windows line endings are read like Unix ones', (t) => {
  const parsed = parse(`${CONFIGMAP}---\n${CONFIGMAP}`.replace(/\n/g, '\r\n'));
  t.deepEqual(
    parsed.objects.map((o) => o.line),
    [1, 6],
  );
});

test('a document without a kind is refused with the JSON kubectl quotes', (t) => {
  t.is(
    errorOf('apiVersion: v1\nmetadata:\n  name: x\n  labels: {b: "<&>", a: 1}\n'),
    `Object 'Kind' is missing in '{"apiVersion":"v1","metadata":{"labels":{"a":1,"b":"\\u003c\\u0026\\u003e"},"name":"x"}}'`,
  );
});

test('a document without an apiVersion is refused', (t) => {
  t.is(errorOf('kind: Pod\nmetadata:\n  name: x\n'), `Object 'apiVersion' is missing in '{"kind":"Pod","metadata":{"name":"x"}}'`);
});

test('a bare string or list document is refused as an object without a kind', (t) => {
  t.is(errorOf('hello\n'), `Object 'Kind' is missing in '"hello"'`);
  t.is(errorOf('- a\n- b\n'), `Object 'Kind' is missing in '["a","b"]'`);
});

test('an object without metadata gets empty metadata', (t) => {
  t.deepEqual(only('apiVersion: v1\nkind: Namespace\n')['metadata'], {});
});

// ---- Lists --------------------------------------------------------------------------------------

test('a List is replaced by its items, each with its own line', (t) => {
  const parsed = parse('apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Pod\n  metadata: {name: a}\n- apiVersion: v1\n  kind: Service\n  metadata: {name: b}\n');
  t.deepEqual(
    parsed.objects.map((o) => [o.object.kind, o.object.metadata.name, o.line, o.documentIndex]),
    [
      ['Pod', 'a', 4, 0],
      ['Service', 'b', 7, 0],
    ],
  );
});

test('items of a typed list without kind and apiVersion take them from the list', (t) => {
  const parsed = parse('apiVersion: v1\nkind: PodList\nitems:\n- metadata: {name: a}\n');
  t.deepEqual(parsed.objects[0]?.object, { metadata: { name: 'a' }, kind: 'Pod', apiVersion: 'v1' });
});

test('list items that are not objects are refused one by one', (t) => {
  const parsed = parse('apiVersion: v1\nkind: List\nitems:\n- 5\n- apiVersion: v1\n  kind: Pod\n  metadata: {name: a}\n');
  t.is(parsed.objects.length, 1);
  t.deepEqual(
    parsed.errors.map((e) => e.message),
    ['json: cannot unmarshal number into Go value of type map[string]interface {}'],
  );
});

test('a list whose items are not an array is refused', (t) => {
  t.is(errorOf('apiVersion: v1\nkind: List\nitems: x\n'), 'json: cannot unmarshal string into Go struct field decodeList.items of type []json.RawMessage');
});

// ---- JSON ---------------------------------------------------------------------------------------

test('a JSON file may hold several objects one after another', (t) => {
  const pod = (name: string): string => `{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "${name}"}}`;
  const parsed = parse(`${pod('a')}\n${pod('b')}`, 'pods.json');
  t.deepEqual(
    parsed.objects.map((o) => [o.object.metadata.name, o.documentIndex, o.line]),
    [
      ['a', 0, 1],
      ['b', 1, 2],
    ],
  );
});

test('a JSON List is expanded', (t) => {
  const parsed = parse('{"apiVersion":"v1","kind":"List","items":[\n {"apiVersion":"v1","kind":"Pod","metadata":{"name":"a"}}]}', 'l.json');
  t.deepEqual(
    parsed.objects.map((o) => [o.object.kind, o.line]),
    [['Pod', 2]],
  );
});

test('JSON syntax errors use encoding/json wording with the byte offset', (t) => {
  const parsed = parse('{"apiVersion": "v1",\n "kind": "Pod",, "metadata": {}}', 'p.json');
  t.deepEqual(parsed.errors, [
    { file: 'p.json', line: 2, column: 16, documentIndex: 0, message: "json: offset 37: invalid character ',' looking for beginning of object key string" },
  ]);
});

test('truncated JSON is an unexpected EOF', (t) => {
  t.is(errorOf('{"apiVersion": "v1", "kind": "Pod"', 'p.json'), 'unexpected EOF');
});

test('the JSON missing-kind message quotes the JSON as written', (t) => {
  t.is(errorOf('{"apiVersion": "v1", "metadata": {"name": "a"}}', 'p.json'), `Object 'Kind' is missing in '{"apiVersion": "v1", "metadata": {"name": "a"}}'`);
});

test('YAML flow style starting with a brace is read as YAML when it is not JSON', (t) => {
  t.is(only('{apiVersion: v1, kind: Pod, metadata: {name: a}}\n')['kind'], 'Pod');
});

test('YAML documents may follow a JSON object', (t) => {
  const parsed = parse(`{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "a"}}\n---\n${CONFIGMAP}`);
  t.deepEqual(
    parsed.objects.map((o) => [o.object.kind, o.line]),
    [
      ['Pod', 1],
      ['ConfigMap', 3],
    ],
  );
});

// ---- limits and alias bombs ---------------------------------------------------------------------

function billionLaughs(levels: number): string {
  let yaml = `a: &a [${Array(9).fill('"lol"').join(',')}]\n`;
  for (let i = 1; i < levels; i++) {
    const [previous, current] = [String.fromCharCode(96 + i), String.fromCharCode(97 + i)];
    yaml += `${current}: &${current} [${Array(9).fill(`*${previous}`).join(',')}]\n`;
  }
  return CONFIGMAP + yaml;
}

test('a billion-laughs alias bomb is refused before it is expanded', (t) => {
  t.is(
    errorOf(billionLaughs(9)),
    `error converting YAML to JSON: yaml: document contains excessive aliasing (more than ${MAX_EXPANDED_NODES} nodes once aliases are expanded)`,
  );
});

test('aliases within the limits are expanded into independent copies', (t) => {
  const object = only(`${CONFIGMAP}a: &a {x: [1]}\nb: *a\nc: *a\n`);
  const [b, c] = [object['b'] as JsonObject, object['c'] as JsonObject];
  t.deepEqual(b, { x: [1] });
  t.not(b, c);
  t.not(b['x'], c['x']);
  t.deepEqual(JSON.parse(JSON.stringify(object)), object);
});

test('more aliases than the per-document limit are refused', (t) => {
  const text = `${CONFIGMAP}a: &a x\nb: [${Array(MAX_ALIASES_PER_DOCUMENT + 1).fill('*a').join(',')}]\n`;
  t.is(errorOf(text), `error converting YAML to JSON: yaml: document contains excessive aliasing (more than ${MAX_ALIASES_PER_DOCUMENT} aliases)`);
});

test('unknown and self-referencing anchors are go-yaml errors', (t) => {
  t.is(errorOf(`${CONFIGMAP}x: *nope\n`), "error converting YAML to JSON: yaml: unknown anchor 'nope' referenced");
  t.is(errorOf(`${CONFIGMAP}x: &a [*a]\n`), "error converting YAML to JSON: yaml: anchor 'a' value contains itself");
});

test('nesting deeper than the limit is refused, also when aliases build it', (t) => {
  const nest = (n: number, inner = ''): string => '['.repeat(n) + inner + ']'.repeat(n);
  const message = `error converting YAML to JSON: yaml: nesting exceeded maxDepth (${MAX_NESTING_DEPTH})`;
  t.is(errorOf(`${CONFIGMAP}x: ${nest(MAX_NESTING_DEPTH + 1)}\n`), message);
  t.is(errorOf(`${CONFIGMAP}a: &a ${nest(60)}\nb: ${nest(50, '*a')}\n`), message);
});

test('a file over 3 MiB is refused as a whole', (t) => {
  const text = `${CONFIGMAP}data:\n  x: "${'a'.repeat(MAX_FILE_BYTES)}"\n`;
  t.deepEqual(parse(text), {
    objects: [],
    errors: [{ file: 'm.yaml', message: `the file is too large: ${Buffer.byteLength(text)} bytes, limit is 3145728` }],
  });
});

test('a file with more documents than the limit is refused as a whole', (t) => {
  const parsed = parse(`${CONFIGMAP}---\n`.repeat(MAX_DOCUMENTS_PER_FILE + 1));
  t.deepEqual(parsed, {
    objects: [],
    errors: [{ file: 'm.yaml', message: `the file holds too many documents: more than ${MAX_DOCUMENTS_PER_FILE}` }],
  });
});
