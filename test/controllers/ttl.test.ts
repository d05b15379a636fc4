import test from 'ava';
import type { KubeObject } from '../../src/api/types.js';
import {
  boundaryStepAfterAdd,
  boundaryStepAfterDelete,
  OBJECT_TTL_ANNOTATION_KEY,
  ttlAnnotationPatch,
  ttlControllerFactory,
  TTL_BOUNDARIES,
} from '../../src/controllers/ttl/ttl-controller.js';
import { getObject, mustCreate, startControllers } from './garbagecollector-harness.js';

function node(name: string, annotations?: Record<string, string>): KubeObject {
  return { apiVersion: 'v1', kind: 'Node', metadata: { name, ...(annotations ? { annotations } : {}) } };
}

test('every node gets the ttl annotation 0 in a small cluster, a new node too', (t) => {
  const h = startControllers([['ttl', ttlControllerFactory]], { before: (api) => ['n1', 'n2'].forEach((n) => mustCreate(api, 'nodes', '', node(n))) });
  h.settle();
  mustCreate(h.api, 'nodes', '', node('n3'));
  h.settle();
  for (const name of ['n1', 'n2', 'n3']) t.is(getObject(h.api, 'nodes', '', name)?.metadata.annotations?.[OBJECT_TTL_ANNOTATION_KEY], '0', name);
  t.deepEqual(h.writes, ['patch nodes n1', 'patch nodes n2', 'patch nodes n3']);
  h.dispose();
});

test('a node that already has the desired ttl is not written, and an edited one is put back', (t) => {
  const h = startControllers([['ttl', ttlControllerFactory]], { before: (api) => mustCreate(api, 'nodes', '', node('n1', { [OBJECT_TTL_ANNOTATION_KEY]: '0' })) });
  h.settle();
  t.deepEqual(h.writes, []);
  h.api.patch('nodes', '', 'n1', 'merge', { metadata: { annotations: { [OBJECT_TTL_ANNOTATION_KEY]: 'soon' } } });
  h.settle();
  t.deepEqual(h.writes, ['patch nodes n1']);
  t.is(getObject(h.api, 'nodes', '', 'n1')?.metadata.annotations?.[OBJECT_TTL_ANNOTATION_KEY], '0');
  h.dispose();
});

test('the ttl tiers follow upstream, with overlapping bounds so a size on the edge does not flap', (t) => {
  t.deepEqual(
    TTL_BOUNDARIES.map((b) => b.ttlSeconds),
    [0, 15, 30, 60, 300, 600],
  );
  t.is(boundaryStepAfterAdd(0, 100), 0);
  t.is(boundaryStepAfterAdd(0, 101), 1);
  t.is(boundaryStepAfterDelete(1, 95), 1);
  t.is(boundaryStepAfterDelete(1, 89), 0);
  t.is(boundaryStepAfterAdd(5, 5_000_000_000), 5);
  t.is(boundaryStepAfterDelete(0, -1), 0);
});

test('the patch sets the annotation only when it is missing, not an integer, or another value', (t) => {
  const patch = { metadata: { annotations: { [OBJECT_TTL_ANNOTATION_KEY]: '15' } } };
  t.deepEqual(ttlAnnotationPatch(node('a'), 15), patch);
  t.deepEqual(ttlAnnotationPatch(node('a', { [OBJECT_TTL_ANNOTATION_KEY]: 'x' }), 15), patch);
  t.deepEqual(ttlAnnotationPatch(node('a', { [OBJECT_TTL_ANNOTATION_KEY]: '0' }), 15), patch);
  t.is(ttlAnnotationPatch(node('a', { [OBJECT_TTL_ANNOTATION_KEY]: '15' }), 15), undefined);
});
