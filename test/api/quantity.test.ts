import test from 'ava';
import {
  QUANTITY_FORMAT_ERROR,
  QUANTITY_SUFFIX_ERROR,
  addQuantities,
  canonicalQuantity,
  compareQuantities,
  milliValue,
  newMilliQuantity,
  newQuantity,
  parseQuantity,
  quantityFromJson,
  quantityToNumber,
  quantityToString,
  quantityValue,
  roundUpQuantity,
} from '../../src/api/quantity.js';
import type { Quantity } from '../../src/api/quantity.js';
import { deepClone, deepFreeze, shallowCopy } from '../../src/api/freeze.js';
import { errorBody, fieldErrorMessage, invalidValue } from '../../src/api/field-errors.js';

function q(s: string): Quantity {
  const r = parseQuantity(s);
  if (!r.ok) throw new Error(r.message);
  return r.value;
}

test('quantities print back in the canonical form the API server stores', (t) => {
  const cases: [string, string][] = [
    ['100m', '100m'],
    ['1.5', '1500m'],
    ['0.5', '500m'],
    ['2Gi', '2Gi'],
    ['500Mi', '500Mi'],
    ['1536Mi', '1536Mi'],
    ['1.5Gi', '1536Mi'],
    ['0.5Gi', '512Mi'],
    ['1024Ki', '1Mi'],
    ['1.5Ki', '1536'],
    ['1e3', '1e3'],
    ['1E3', '1E3'],
    ['12e6', '12e6'],
    ['10G', '10G'],
    ['1000M', '1G'],
    ['1000m', '1'],
    ['0.0001', '100u'],
    ['1e-12', '1e-9'],
    ['0', '0'],
    ['-1Gi', '-1Gi'],
    ['200k', '200k'],
  ];
  for (const [input, canonical] of cases) t.deepEqual(canonicalQuantity(input), { ok: true, value: canonical }, input);
});

test('cpu quantities convert to exact millicores', (t) => {
  t.is(milliValue(q('100m')), 100);
  t.is(milliValue(q('0.1')), 100);
  t.is(milliValue(q('1.5')), 1500);
  t.is(milliValue(q('2')), 2000);
  t.is(milliValue(q('1n')), 1, 'rounded up as MilliValue does');
});

test('memory quantities convert to bytes', (t) => {
  t.is(quantityValue(q('2Gi')), 2147483648);
  t.is(quantityValue(q('500Mi')), 524288000);
  t.is(quantityValue(q('10G')), 10_000_000_000);
  t.is(quantityValue(q('100m')), 1, 'Value rounds up');
  t.is(quantityToNumber(q('1.5')), 1.5);
});

test('malformed quantities fail with the upstream error texts', (t) => {
  for (const bad of ['', 'abc', '1 ', '1Gx', '1.5.5', '1e3x']) t.deepEqual(parseQuantity(bad), { ok: false, message: QUANTITY_FORMAT_ERROR }, bad);
  t.is(QUANTITY_FORMAT_ERROR, "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
  t.deepEqual(parseQuantity('1ii'), { ok: false, message: QUANTITY_SUFFIX_ERROR });
  t.deepEqual(parseQuantity('1e'), { ok: false, message: "unable to parse quantity's suffix" });
});

test('quantities from JSON may be numbers or padded strings', (t) => {
  const one = quantityFromJson(1);
  t.true(one.ok && quantityToString(one.value) === '1');
  const half = quantityFromJson(0.5);
  t.true(half.ok && milliValue(half.value) === 500);
  const padded = quantityFromJson(' 64Mi ');
  t.true(padded.ok && quantityToString(padded.value) === '64Mi');
  t.false(quantityFromJson(null).ok);
});

test('rounding up to a scale goes away from zero and keeps exact quantities as written', (t) => {
  t.is(quantityToString(roundUpQuantity(q('1500u'), -3)), '2m');
  t.is(quantityToString(roundUpQuantity(q('1n'), -3)), '1m');
  t.is(quantityToString(roundUpQuantity(q('-1500u'), -3)), '-2m');
  t.is(quantityToString(roundUpQuantity(q('1.0001Ki'), -3)), '1024103m');
  t.is(quantityToString(roundUpQuantity(q('1501'), 3)), '2k');
  const exact = q('+1500m');
  t.is(roundUpQuantity(exact, -3), exact);
  t.is(quantityToString(roundUpQuantity(exact, -3)), '+1500m');
  t.is(quantityToString(roundUpQuantity(q('+100m'), -1)), '100m', 'written at a finer scale: printed canonically, as upstream clears its string');
});

test('quantities compare by amount whatever their suffix', (t) => {
  t.is(compareQuantities(q('1Gi'), q('1024Mi')), 0);
  t.is(compareQuantities(q('1G'), q('1Gi')), -1);
  t.is(compareQuantities(q('1500m'), q('1.4')), 1);
});

test('sums keep the format of the first non-zero operand', (t) => {
  t.is(quantityToString(addQuantities(q('100m'), q('0.4'))), '500m');
  t.is(quantityToString(addQuantities(q('512Mi'), q('512Mi'))), '1Gi');
  t.is(quantityToString(addQuantities(newQuantity(0, 'DecimalSI'), q('1Gi'))), '1Gi');
});

test('quantities built from integers print like resource.NewQuantity', (t) => {
  t.is(quantityToString(newMilliQuantity(500, 'DecimalSI')), '500m');
  t.is(quantityToString(newMilliQuantity(2000, 'DecimalSI')), '2');
  t.is(quantityToString(newQuantity(2147483648, 'BinarySI')), '2Gi');
  t.is(quantityToString(newQuantity(1500, 'BinarySI')), '1500');
});

test('deepFreeze freezes every level and returns its argument', (t) => {
  const obj = { a: { b: [1, { c: 2 }] } };
  t.is(deepFreeze(obj), obj);
  t.true(Object.isFrozen(obj.a.b[1]));
  t.throws(() => {
    (obj.a.b as unknown[]).push(3);
  });
});

test('deepFreeze skips subtrees that are already frozen', (t) => {
  const shared = Object.freeze({ inner: { x: 1 } });
  deepFreeze({ shared });
  t.false(Object.isFrozen(shared.inner), 'an already-frozen node is trusted, not walked');
});

test('deepClone gives an unfrozen, independent copy', (t) => {
  const original = deepFreeze({ a: [{ b: 1 }], c: 'x' });
  const copy = deepClone(original);
  t.deepEqual(copy, original);
  t.false(Object.isFrozen(copy.a[0]));
  copy.a[0]!.b = 2;
  t.is(original.a[0]!.b, 1);
});

test('the seeded generator gives the same names and uuids for the same seed, and others for another', async (t) => {
  const { Random } = await import('../../src/api/random.js');
  const a = new Random('seed');
  const b = new Random('seed');
  const c = new Random('other');
  const draw = (r: InstanceType<typeof Random>): string[] => [r.string(5), r.uuid(), String(r.int(1000))];
  const first = draw(a);
  t.deepEqual(first, draw(b));
  t.notDeepEqual(first, draw(c));
  t.regex(first[0]!, /^[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  t.regex(first[1]!, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
});

test('shallowCopy copies own keys in order, shares children, and keeps an own __proto__ key as data', (t) => {
  const child = { x: 1 };
  const original = deepFreeze({ b: 1, a: child, c: undefined });
  const copy = shallowCopy(original);
  t.false(Object.isFrozen(copy));
  t.deepEqual(Object.keys(copy), ['b', 'a', 'c']);
  t.is(copy.a, child);
  const withProto = JSON.parse('{"__proto__": {"polluted": true}, "k": 1}') as Record<string, unknown>;
  const protoCopy = shallowCopy(withProto);
  t.is(Object.getPrototypeOf(protoCopy), Object.prototype);
  t.deepEqual(Object.keys(protoCopy), ['__proto__', 'k']);
});

test('uuids keep their exact form for a seed', async (t) => {
  const { Random } = await import('../../src/api/random.js');
  const r = new Random('golden');
  t.deepEqual(
    [r.uuid(), r.uuid(), r.uuid()],
    ['bcb14366-2b08-4dc0-8a79-a43508d3bb19', 'ad8e9022-0e09-4e65-baa4-5ec705e9f5fa', '1280d73b-7a37-4aab-af67-cec9eec9bb2c'],
  );
});

test('a field error with a Go-rendered value prints it in place of badValue', (t) => {
  const selector = 'v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}';
  t.is(fieldErrorMessage({ type: 'Invalid', field: 'spec.selector', goValue: selector, detail: 'empty selector is invalid' }), `spec.selector: Invalid value: ${selector}: empty selector is invalid`);
  t.is(errorBody({ type: 'Duplicate', field: 'spec.ports[1]', goValue: 'core.ServicePort{Port:80}' }), 'Duplicate value: core.ServicePort{Port:80}');
  t.is(errorBody({ type: 'Required', field: 'spec', goValue: 'x', detail: 'd' }), 'Required value: d', 'types that print no value ignore it');
  t.is(errorBody(invalidValue('spec.replicas', -1, 'must be greater than or equal to 0')), 'Invalid value: -1: must be greater than or equal to 0');
});
