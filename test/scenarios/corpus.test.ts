/**
 * Every file of the shared corpus of real manifests, applied on its own to a fresh cluster the
 * way `kubectl apply -f` applies it: nothing throws, valid objects are stored, and the files
 * INDEX.tsv marks as refused are refused with Kubernetes' own message.
 */
import test from 'ava';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { Cluster } from '../../src/cluster/cluster.js';
import { applyManifestTexts } from '../../src/manifests/apply-folder.js';
import { parseManifest } from '../../src/manifests/parse-manifest.js';
import { resourceForKind } from '../../src/apiserver/registry.js';

const CORPUS = fileURLToPath(new URL('../../../../shared/corpus/k8s-examples/', import.meta.url));

/** Files refused (wholly or partly) when applied alone, with the message kubectl would print. */
const REFUSED: Record<string, RegExp> = {
  'website/pods/resource/memory-request-limit-2.yaml': /namespaces "mem-example" not found/,
  'website/pods/resource/memory-request-limit-3.yaml': /namespaces "mem-example" not found/,
  'website/pods/qos/qos-pod.yaml': /namespaces "qos-example" not found/,
  'website/pods/qos/qos-pod-3.yaml': /namespaces "qos-example" not found/,
  'website/pods/pod-with-numeric-toleration.yaml':
    /The Pod "nginx-numeric-toleration" is invalid: spec\.tolerations\[0\]\.operator: Unsupported value: "Gt": supported values: "Equal", "Exists"/,
  'website/application/job/job-tmpl.yaml': /metadata\.name: Invalid value: "process-item-\$ITEM": a lowercase RFC 1123 subdomain must consist of/,
  'website/service/networking/dual-stack-ipfamilies-ipv6.yaml': /spec\.ipFamilies\[0\]: Invalid value: "IPv6": not configured on this cluster/,
  'website/policy/high-priority-pod.yaml': /pods "high-priority" is forbidden: no PriorityClass with name high was found/,
  'website/policy/example-psp.yaml': /no matches for kind "PodSecurityPolicy" in version "policy\/v1beta1"/,
  'website/secret/tls-auth-secret.yaml': /Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte 7/,
  'examples/_archived/cockroachdb/cockroachdb-statefulset.yaml': /no matches for kind "PodDisruptionBudget" in version "policy\/v1beta1"/,
  'examples/_archived/newrelic-infrastructure/newrelic-infra-daemonset.yaml': /no matches for kind "DaemonSet" in version "extensions\/v1beta1"/,
  'examples/_archived/newrelic/newrelic-config.yaml': /no objects passed to apply/,
  'examples/_archived/newrelic-infrastructure/newrelic-config-template.yaml': /yaml: invalid map key: map\[interface \{\}\]interface \{\}\{"config_data":interface \{\}\(nil\)\}/,
  'examples/_archived/storage/vitess/vttablet-pod-template.yaml': /metadata\.name: Invalid value: "vttablet-\{\{uid\}\}"/,
};

const rows = readFileSync(join(CORPUS, 'INDEX.tsv'), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => line.split('\t')[0]!);

test('the corpus index lists every file', (t) => {
  t.true(rows.length >= 89);
});

for (const file of rows) {
  test(`applying ${file} to a fresh cluster`, (t) => {
    const text = readFileSync(join(CORPUS, file), 'utf8');
    const cluster = new Cluster();
    const report = applyManifestTexts(cluster.api, [{ file, text }]);
    cluster.clock.runUntilIdle();
    const errors = report.filter((line) => !line.ok).map((line) => line.text);
    const refused = REFUSED[file];
    if (refused) {
      t.true(errors.some((e) => refused.test(e)), `expected ${refused} among: ${errors.join(' | ')}`);
    } else {
      t.deepEqual(errors, [], `unexpected errors for ${file}`);
    }
    // Every object the API server accepted is stored under its name, in its namespace.
    for (const { object } of parseManifest(text, file).objects) {
      const info = resourceForKind(String(object.apiVersion), String(object.kind));
      if (!info || refused) continue;
      const namespace = info.namespaced ? object.metadata.namespace ?? 'default' : '';
      const stored = cluster.api.get(info.resource, namespace, object.metadata.name ?? '');
      t.true(stored.ok, `${object.kind}/${object.metadata.name} is stored`);
    }
    cluster.dispose();
  });
}
