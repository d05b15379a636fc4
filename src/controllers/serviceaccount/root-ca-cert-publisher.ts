/**
 * The root CA certificate publisher (pkg/controller/certificates/rootcacertpublisher): every
 * namespace has the ConfigMap `kube-root-ca.crt` holding the cluster's CA bundle under `ca.crt`,
 * which projected service account volumes mount. Edits to it are reverted; a deleted one comes back.
 */
import type { KubeObject } from '../../api/types.js';
import { jsonEqual } from '../../api/equal.js';
import type { Lister } from '../../client/lister.js';
import { RateLimitingQueue, type SyncResult, type WorkQueueMetrics } from '../../client/workqueue.js';
import type { Controller, ControllerContext, ControllerFactory } from '../common/controller.js';
import { ROOT_CA_CERT_PEM } from './root-ca.js';

/** RootCACertConfigMapName. */
export const ROOT_CA_CERT_CONFIG_MAP_NAME = 'kube-root-ca.crt';
/** DescriptionAnnotation. */
export const DESCRIPTION_ANNOTATION = 'kubernetes.io/description';
/** Description: the text of the annotation. */
export const ROOT_CA_DESCRIPTION =
  'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.';

/** Publisher. */
export class RootCACertPublisher implements Controller {
  readonly name = 'root-ca-cert-publisher';
  private readonly queue: RateLimitingQueue;
  private readonly cmLister: Lister<KubeObject>;

  constructor(
    private readonly ctx: ControllerContext,
    private readonly rootCA: string = ROOT_CA_CERT_PEM,
  ) {
    this.queue = new RateLimitingQueue(ctx.clock, { name: 'root_ca_cert_publisher' });
    const cmInformer = ctx.informers.informer('configmaps');
    const nsInformer = ctx.informers.informer('namespaces');
    this.cmLister = cmInformer.lister;
    cmInformer.addEventHandler({
      onUpdate: (_old, cm) => this.configMapChanged(cm),
      onDelete: (cm) => this.configMapChanged(cm),
    });
    nsInformer.addEventHandler({
      onAdd: (ns) => this.queue.add(ns.metadata.name ?? ''),
      onUpdate: (_old, ns) => {
        if ((ns['status'] as { phase?: string } | undefined)?.phase === 'Active') this.queue.add(ns.metadata.name ?? '');
      },
    });
  }

  run(): void {
    this.queue.run((key) => this.syncNamespace(key));
  }

  stop(): void {
    this.queue.shutDown();
  }

  queues(): WorkQueueMetrics[] {
    return [this.queue.metrics()];
  }

  private configMapChanged(cm: Readonly<KubeObject>): void {
    if (cm.metadata.name === ROOT_CA_CERT_CONFIG_MAP_NAME) this.queue.add(cm.metadata.namespace ?? '');
  }

  /** syncNamespace: create the ConfigMap, or put its data and description annotation back. */
  syncNamespace(namespace: string): SyncResult {
    const data = { 'ca.crt': this.rootCA };
    const cm = this.cmLister.get(namespace, ROOT_CA_CERT_CONFIG_MAP_NAME);
    if (cm === undefined) {
      const created = this.ctx.api.create('configmaps', namespace, {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: ROOT_CA_CERT_CONFIG_MAP_NAME, namespace, annotations: { [DESCRIPTION_ANNOTATION]: ROOT_CA_DESCRIPTION } },
        data,
      });
      // A namespace gone or terminating is not retried; AlreadyExists (the cache is behind) is.
      if (created.ok || created.status.code === 404 || created.status.code === 403) return 'done';
      return 'requeue';
    }
    if (jsonEqual(cm['data'], data) && (cm.metadata.annotations?.[DESCRIPTION_ANNOTATION] ?? '') !== '') return 'done';
    const updated = this.ctx.api.update('configmaps', namespace, {
      ...cm,
      metadata: { ...cm.metadata, annotations: { ...cm.metadata.annotations, [DESCRIPTION_ANNOTATION]: ROOT_CA_DESCRIPTION } },
      data,
    });
    return updated.ok || updated.status.code === 404 ? 'done' : 'requeue';
  }
}

/** Registered as `root-ca-cert-publisher`. */
export const rootCACertPublisherFactory: ControllerFactory = (ctx) => new RootCACertPublisher(ctx);
