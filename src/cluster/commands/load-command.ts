/**
 * `load <service> <requests/s>`: steady simulated traffic to a Service, which metrics-server
 * charges as CPU to the pods behind it (1 request/s = 1m, split over the Ready pods) — what a
 * load generator does in the HorizontalPodAutoscaler walkthrough. `0` stops it.
 */
import { metricsApiFor } from '../../metrics/aggregator.js';
import { MetricsServer } from '../../metrics/metrics-server.js';
import { type CommandSpec, done, failed } from './types.js';
import { commandNamespace, resolveObjectRef, serverError } from './object-ref.js';

/** `load [service/]<name> <rps> [-n NS]`. */
export const loadCommand: CommandSpec = {
  name: 'load',
  usage: 'load service/<name> <requests-per-second>',
  summary: 'send steady simulated traffic to a Service (its pods use more CPU; 0 stops it)',
  run(target, args) {
    const ref = resolveObjectRef({ positionals: args.positionals, flags: args.flags }, 0, 'services');
    if ('error' in ref) return failed(ref.error);
    if (ref.info.kind !== 'Service') return failed('error: load is sent to a Service');
    const rps = Number(args.positionals[ref.consumed]);
    if (!Number.isFinite(rps) || rps < 0) return failed('error: the load must be a number of requests per second, 0 or more');
    const got = target.api.get('services', ref.namespace, ref.name);
    if (!got.ok) return failed(serverError(got.status));
    const metrics = metricsApiFor(target.api);
    if (!(metrics instanceof MetricsServer)) return failed('error: Metrics API not available');
    metrics.setLoad(commandNamespace(args), ref.name, rps);
    return done(rps === 0 ? `service/${ref.name}: load stopped` : `service/${ref.name}: ${rps} requests/s`);
  },
};
