import test from 'ava';
import {
  everything,
  formatLabelSelector,
  formatLabels,
  isEmptySelector,
  labelSelectorAsSelector,
  matches,
  nothing,
  parseSelector,
  selectorFromSet,
  selectorToString,
} from '../../src/api/label-selector.js';
import type { Selector } from '../../src/api/label-selector.js';
import { fieldSelectorToString, matchesFields, parseFieldSelector, requiresExactMatch } from '../../src/api/field-selector.js';
import type { FieldSelector } from '../../src/api/field-selector.js';
import { convertFieldSelector, selectableFields, supportedFieldLabels } from '../../src/api/field-labels.js';
import type { ParseResult } from '../../src/api/parse-result.js';
import { isQualifiedName, isValidLabelValue } from '../../src/api/label-validation.js';
import { parseTime, rfc3339, rfc3339Micro } from '../../src/api/time.js';

function ok<T>(r: ParseResult<T>): T {
  if (!r.ok) throw new Error(`unexpected failure: ${r.message}`);
  return r.value;
}

function err<T>(r: ParseResult<T>): string {
  if (r.ok) throw new Error('expected a failure');
  return r.message;
}

const NAME_PART =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

test('every label selector term form parses and prints canonically, sorted by key', (t) => {
  const s = ok(parseSelector(' tier != fe , env in (prod, dev),!canary,app==web,track, z notin (),v=,n>3,m<7'));
  t.is(selectorToString(s), 'app==web,!canary,env in (dev,prod),m<7,n>3,tier!=fe,track,v=,z notin ()');
});

test('empty values inside a set are kept, as upstream parses "x in (foo,,baz)"', (t) => {
  t.is(selectorToString(ok(parseSelector('x in (foo,,baz),y,z notin ()'))), 'x in (,baz,foo),y,z notin ()');
});

test('in and notin are identifiers when they stand as values', (t) => {
  t.is(selectorToString(ok(parseSelector('a in (in,notin)'))), 'a in (in,notin)');
});

test('an empty selector string selects everything', (t) => {
  const s = ok(parseSelector(''));
  t.true(isEmptySelector(s));
  t.true(matches(s, undefined));
});

test('a selector matches labels by equality, set membership, existence and absence', (t) => {
  const s = ok(parseSelector('env in (prod,dev),!canary,tier!=fe,app'));
  t.true(matches(s, { env: 'prod', app: 'x' }));
  t.true(matches(s, { env: 'dev', app: 'x', tier: 'be' }));
  t.false(matches(s, { env: 'prod', app: 'x', canary: 'true' }));
  t.false(matches(s, { env: 'qa', app: 'x' }));
  t.false(matches(s, { env: 'dev', app: 'x', tier: 'fe' }));
  t.false(matches(s, { env: 'dev' }));
  t.false(matches(s, undefined));
});

test('notin and != match objects that lack the label', (t) => {
  t.true(matches(ok(parseSelector('tier notin (fe),env!=prod')), {}));
});

test('label values that look like Object.prototype members do not confuse matching', (t) => {
  t.false(matches(ok(parseSelector('constructor')), {}));
  t.false(matches(ok(parseSelector('toString=x')), {}));
  t.true(matches(ok(parseSelector('!hasOwnProperty')), {}));
});

test('gt and lt compare label values as integers', (t) => {
  const s = ok(parseSelector('n>3,m<7'));
  t.true(matches(s, { n: '4', m: '-1' }));
  t.false(matches(s, { n: '3', m: '1' }));
  t.false(matches(s, { n: 'x', m: '1' }));
});

test('an invalid key fails with the upstream requirement error and a <nil> path', (t) => {
  t.is(err(parseSelector('app:monolith')), `unable to parse requirement: <nil>: Invalid value: "app:monolith": ${NAME_PART}`);
});

test('a key with a bad prefix reports the prefix part', (t) => {
  t.regex(err(parseSelector('app.kubernetes_io/name=x')), /^unable to parse requirement: <nil>: Invalid value: "app.kubernetes_io\/name": prefix part a lowercase RFC 1123 subdomain must consist of/);
});

test('an invalid value fails with its index and key in the field path', (t) => {
  t.is(
    err(parseSelector('app in (ok,a$b)')),
    "unable to parse requirement: values[0][app]: Invalid value: \"a$b\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
  );
});

test('syntax errors carry the parser messages of labels.Parse', (t) => {
  t.is(err(parseSelector('a b')), 'unable to parse requirement: found \'b\', expected: in, notin, =, ==, !=, gt, lt');
  t.is(err(parseSelector('a,')), "found '', expected: identifier after ','");
  t.is(err(parseSelector(',a')), "found ',', expected: !, identifier, or 'end of string'");
  t.is(err(parseSelector('k=v=w')), "found '=', expected: ',' or 'end of string'");
  t.is(err(parseSelector('a in b')), "unable to parse requirement: found 'b' expected: '('");
  t.is(err(parseSelector('a in (b')), "unable to parse requirement: found '', expected: ',' or ')'");
  t.is(err(parseSelector('n>x')), 'unable to parse requirement: values[0]: Invalid value: "x": for \'Gt\', \'Lt\' operators, the value must be an integer');
});

test('a LabelSelector object ANDs matchLabels and matchExpressions', (t) => {
  const s = ok(
    labelSelectorAsSelector({
      matchLabels: { app: 'web' },
      matchExpressions: [
        { key: 'env', operator: 'NotIn', values: ['qa', 'dev'] },
        { key: 'tier', operator: 'Exists' },
        { key: 'canary', operator: 'DoesNotExist' },
      ],
    }),
  );
  t.is(selectorToString(s), 'app=web,!canary,env notin (dev,qa),tier');
  t.true(matches(s, { app: 'web', tier: 'fe', env: 'prod' }));
  t.false(matches(s, { app: 'web', tier: 'fe', env: 'dev' }));
  t.false(matches(s, { app: 'web', tier: 'fe', canary: 'y' }));
});

test('an empty LabelSelector selects everything and a missing one selects nothing', (t) => {
  const empty = ok(labelSelectorAsSelector({}));
  const missing = ok(labelSelectorAsSelector(null));
  t.is(empty, everything);
  t.is(missing, nothing);
  t.true(matches(empty, { any: 'thing' }));
  t.false(matches(missing, { any: 'thing' }));
  t.false(matches(ok(labelSelectorAsSelector(undefined)), undefined));
  t.false(isEmptySelector(missing));
});

test('invalid LabelSelector objects fail with upstream texts', (t) => {
  t.is(err(labelSelectorAsSelector({ matchExpressions: [{ key: 'a', operator: 'Equals', values: ['x'] }] })), '"Equals" is not a valid label selector operator');
  t.is(
    err(labelSelectorAsSelector({ matchExpressions: [{ key: 'a', operator: 'In', values: [] }] })),
    "values: Invalid value: []string(nil): for 'in', 'notin' operators, values set can't be empty",
  );
  t.is(
    err(labelSelectorAsSelector({ matchExpressions: [{ key: 'a', operator: 'Exists', values: ['x'] }] })),
    'values: Invalid value: []string{"x"}: values set must be empty for exists and does not exist',
  );
  t.is(err(labelSelectorAsSelector({ matchLabels: { 'a b': 'x' } })), `key: Invalid value: "a b": ${NAME_PART}`);
});

test('kubectl SELECTOR columns show the canonical selector, <none> or <error>', (t) => {
  t.is(formatLabelSelector({ matchLabels: { tier: 'fe', app: 'web' } }), 'app=web,tier=fe');
  t.is(formatLabelSelector({}), '<none>');
  t.is(formatLabelSelector(null), '<none>');
  t.is(formatLabelSelector({ matchExpressions: [{ key: 'a', operator: 'Bad' }] }), '<error>');
  t.is(formatLabels({ b: '2', a: '1' }), 'a=1,b=2');
  t.is(formatLabels(undefined), '<none>');
});

test('a selector from a label set requires every label', (t) => {
  const s: Selector = selectorFromSet({ app: 'web', tier: 'fe' });
  t.true(matches(s, { app: 'web', tier: 'fe', extra: 'x' }));
  t.false(matches(s, { app: 'web' }));
  t.is(selectorFromSet(undefined), everything);
});

test('compiled selectors are frozen so they can be shared by informers', (t) => {
  const s = ok(parseSelector('app=web'));
  t.true(Object.isFrozen(s));
  t.true(Object.isFrozen(s.requirements));
});

function fields(s: string): FieldSelector {
  return ok(parseFieldSelector(s));
}

test('field selectors parse =, == and != terms, sorted, with == stored as =', (t) => {
  const s = fields('status.phase!=Running,spec.nodeName==node-1');
  t.deepEqual(s.requirements, [
    { field: 'spec.nodeName', operator: '=', value: 'node-1' },
    { field: 'status.phase', operator: '!=', value: 'Running' },
  ]);
  t.is(fieldSelectorToString(s), 'spec.nodeName=node-1,status.phase!=Running');
  t.is(requiresExactMatch(s, 'spec.nodeName'), 'node-1');
  t.is(requiresExactMatch(s, 'status.phase'), undefined);
});

test('field selector values unescape \\, \\= and \\\\ and print escaped again', (t) => {
  const s = fields('metadata.name=a\\,b\\=c\\\\d');
  t.is(s.requirements[0]!.value, 'a,b=c\\d');
  t.is(fieldSelectorToString(s), 'metadata.name=a\\,b\\=c\\\\d');
});

test('malformed field selectors fail with fields.ParseSelector texts', (t) => {
  t.is(err(parseFieldSelector('foo')), "invalid selector: 'foo'; can't understand 'foo'");
  t.is(err(parseFieldSelector('a=b,c')), "invalid selector: 'a=b,c'; can't understand 'c'");
  t.is(err(parseFieldSelector('a=b=c')), 'invalid field selector: unescaped character in value: 61');
  t.is(err(parseFieldSelector('a=b\\x')), 'invalid field selector: invalid escape sequence: \\x');
});

test('an absent field compares as the empty string', (t) => {
  const get = (f: string): string | undefined => (f === 'involvedObject.name' ? 'web' : undefined);
  t.true(matchesFields(fields('involvedObject.namespace=,involvedObject.name=web'), get));
  t.false(matchesFields(fields('involvedObject.namespace!='), get));
});

test('pods are selected by node and phase from their selectable fields', (t) => {
  const pod = { metadata: { name: 'web-1', namespace: 'default' }, spec: { nodeName: 'node-1' }, status: { phase: 'Running', podIPs: [{ ip: '10.244.1.5' }] } };
  const get = selectableFields('', 'Pod', pod);
  t.is(get('spec.hostNetwork'), 'false');
  t.is(get('status.podIP'), '10.244.1.5');
  t.true(matchesFields(fields('spec.nodeName=node-1,status.phase!=Pending,metadata.namespace=default'), get));
  t.false(matchesFields(fields('spec.nodeName=node-2'), get));
});

test('nodes, events, jobs and replication controllers expose their kind-specific fields', (t) => {
  t.is(selectableFields('', 'Node', { spec: { unschedulable: true } })('spec.unschedulable'), 'true');
  t.is(selectableFields('', 'Event', { source: {}, reportingComponent: 'kubelet' })('source'), 'kubelet');
  t.is(selectableFields('batch', 'Job', { status: { succeeded: 2 } })('status.successful'), '2');
  t.is(selectableFields('', 'ReplicationController', {})('status.replicas'), '0');
});

test('a field a kind does not support is refused with its upstream message', (t) => {
  t.is(err(convertFieldSelector(fields('spec.foo=x'), '', 'Pod')), 'field label not supported: spec.foo');
  t.is(err(convertFieldSelector(fields('metadata.namespace=x'), '', 'Node')), 'field label not supported: metadata.namespace');
  t.is(err(convertFieldSelector(fields('status.active=1'), 'batch', 'Job')), 'field label "status.active" not supported for batchv1.Job');
  t.is(
    err(convertFieldSelector(fields('spec.replicas=1'), 'apps', 'Deployment')),
    '"spec.replicas" is not a known field selector: only "metadata.name", "metadata.namespace"',
  );
});

test('a pod field selector on spec.host is converted to spec.nodeName', (t) => {
  t.deepEqual(ok(convertFieldSelector(fields('spec.host=node-1'), '', 'Pod')).requirements, [{ field: 'spec.nodeName', operator: '=', value: 'node-1' }]);
});

test('the supported field table covers the kinds kubectl filters on', (t) => {
  t.deepEqual([...supportedFieldLabels('', 'Event')].sort(), [
    'involvedObject.apiVersion',
    'involvedObject.fieldPath',
    'involvedObject.kind',
    'involvedObject.name',
    'involvedObject.namespace',
    'involvedObject.resourceVersion',
    'involvedObject.uid',
    'metadata.name',
    'metadata.namespace',
    'reason',
    'reportingComponent',
    'source',
    'type',
  ]);
  t.deepEqual(supportedFieldLabels('', 'Secret'), ['type', 'metadata.namespace', 'metadata.name']);
  t.deepEqual(supportedFieldLabels('', 'Namespace'), ['status.phase', 'metadata.name']);
  t.deepEqual(supportedFieldLabels('', 'ConfigMap'), ['metadata.name', 'metadata.namespace']);
});

test('label checks answer the same, and a fresh list, however often a key or value is checked', (t) => {
  for (let i = 0; i < 3; i++) {
    const valid = isQualifiedName('example.com/app');
    t.deepEqual(valid, []);
    valid.push('caller owns this list');
    t.deepEqual(isValidLabelValue('web-1'), []);
    t.is(isQualifiedName('-bad').length, 1);
    t.is(isValidLabelValue('bad value').length, 1);
  }
});

test('timestamps format and parse the same on repeated calls', (t) => {
  const ms = Date.UTC(2025, 0, 1, 10, 0, 0, 123);
  for (let i = 0; i < 2; i++) {
    t.is(rfc3339(ms), '2025-01-01T10:00:00Z');
    t.is(rfc3339Micro(ms), '2025-01-01T10:00:00.123000Z');
    t.is(parseTime('2025-01-01T10:00:00Z'), Date.UTC(2025, 0, 1, 10, 0, 0));
    t.is(parseTime('not a time'), undefined);
  }
  t.is(rfc3339Micro(ms + 1), '2025-01-01T10:00:00.124000Z');
  t.throws(() => rfc3339Micro(Number.NaN));
});
