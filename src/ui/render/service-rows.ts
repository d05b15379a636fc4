/** The Services pane's rows: kubectl's TYPE CLUSTER-IP EXTERNAL-IP PORT(S), and the ENDPOINTS of the Service's Endpoints object. */
import type { KubeObject } from '../../api/types.js';
import { formatAge, formatEndpoints, serviceClusterIP, serviceExternalIP, servicePorts } from '../../printers/index.js';

/** One Service as the pane shows it. */
export interface ServiceRow extends Record<string, string | number> {
  namespace: string;
  name: string;
  type: string;
  clusterIP: string;
  externalIP: string;
  ports: string;
  endpoints: string;
  age: string;
}

/** The rows of the Services pane; each Service's endpoints come from the Endpoints object of the same name. */
export function serviceRows(services: readonly KubeObject[], endpoints: readonly KubeObject[], now: number): ServiceRow[] {
  const byKey = new Map(endpoints.map((e) => [`${e.metadata.namespace ?? ''}/${e.metadata.name ?? ''}`, e]));
  return services.map((service) => {
    const namespace = service.metadata.namespace ?? '';
    const name = service.metadata.name ?? '';
    const found = byKey.get(`${namespace}/${name}`);
    return {
      namespace,
      name,
      type: (service['spec'] as { type?: string } | undefined)?.type ?? 'ClusterIP',
      clusterIP: serviceClusterIP(service),
      externalIP: serviceExternalIP(service, false),
      ports: servicePorts(service),
      endpoints: found === undefined ? '<none>' : formatEndpoints(found),
      age: formatAge(service.metadata.creationTimestamp, now),
    };
  });
}
