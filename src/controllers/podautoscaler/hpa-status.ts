/**
 * The HorizontalPodAutoscaler status as the HPA controller builds it (horizontal.go setCondition,
 * setStatus): conditions whose lastTransitionTime moves only when their status changes, and the
 * status fields in autoscaling/v2's order.
 */
import { rfc3339 } from '../../api/time.js';

/** autoscaling/v2 HorizontalPodAutoscalerCondition. */
export interface HpaCondition {
  type: string;
  status: string;
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}

/** autoscaling/v2 HorizontalPodAutoscalerStatus. */
export interface HpaStatus {
  observedGeneration?: number;
  lastScaleTime?: string;
  currentReplicas?: number;
  desiredReplicas?: number;
  currentMetrics?: unknown[] | null;
  conditions?: HpaCondition[];
}

/** setConditionInList: a new list with the condition of `type` set (appended when new). */
export function setCondition(conditions: readonly HpaCondition[], type: string, status: string, reason: string, message: string, now: number): HpaCondition[] {
  const out = conditions.map((c) => ({ ...c }));
  let existing = out.find((c) => c.type === type);
  if (existing === undefined) {
    existing = { type, status: '' };
    out.push(existing);
  }
  if (existing.status !== status) existing.lastTransitionTime = rfc3339(now);
  existing.status = status;
  existing.reason = reason;
  existing.message = message;
  return out.map((c) => ({ type: c.type, status: c.status, ...(c.lastTransitionTime ? { lastTransitionTime: c.lastTransitionTime } : {}), reason: c.reason ?? '', message: c.message ?? '' }));
}

/** setStatus: replicas, metrics and conditions; lastScaleTime moves on a rescale. */
export function hpaStatus(
  previous: Readonly<HpaStatus>,
  fields: { currentReplicas: number; desiredReplicas: number; currentMetrics: unknown[] | null; conditions: HpaCondition[]; rescaledAt?: number },
): HpaStatus {
  const lastScaleTime = fields.rescaledAt !== undefined ? rfc3339(fields.rescaledAt) : previous.lastScaleTime;
  const status: HpaStatus = {};
  if (previous.observedGeneration !== undefined) status.observedGeneration = previous.observedGeneration;
  if (lastScaleTime !== undefined) status.lastScaleTime = lastScaleTime;
  status.currentReplicas = fields.currentReplicas;
  status.desiredReplicas = fields.desiredReplicas;
  if (fields.currentMetrics !== null && fields.currentMetrics.length > 0) status.currentMetrics = fields.currentMetrics;
  if (fields.conditions.length > 0) status.conditions = fields.conditions;
  return status;
}
