/**
 * Update strategies of the apps workloads (pkg/apis/apps/validation): int-or-percent values,
 * Deployment and DaemonSet rolling updates, and the StatefulSet rolling update.
 */
import { child, forbiddenField, required } from '../../api/field-errors.js';
import type { Errors, Json } from './access.js';
import { intAt, intOrStringAt, objectAt, stringAt } from './access.js';
import { goIntOrString, goPointer, invalidGo, notSupportedGo } from './go-value.js';
import { isValidPercent } from './names.js';
import { validateNonnegative } from './metadata.js';

/** ValidatePositiveIntOrPercent: a non-negative integer or a percent string. */
export function validatePositiveIntOrPercent(errs: Errors, value: number | string | undefined, path: string): void {
  if (typeof value === 'string') for (const msg of isValidPercent(value)) errs.push(invalidGo(path, goIntOrString(value), msg));
  else validateNonnegative(errs, value, path);
}

function percentValue(value: number | string | undefined): number | undefined {
  return typeof value === 'string' && isValidPercent(value).length === 0 ? Number(value.slice(0, -1)) : undefined;
}

/** getIntOrPercentValue: the number of a percent, or the integer (a non-numeric string counts 0). */
export function intOrPercentValue(value: number | string | undefined): number {
  const percent = percentValue(value);
  if (percent !== undefined) return percent;
  if (typeof value === 'number') return value;
  return value !== undefined && /^[+-]?[0-9]+$/.test(value) ? Number(value) : 0;
}

/** IsNotMoreThan100Percent. */
export function validateNotMoreThan100Percent(errs: Errors, value: number | string | undefined, path: string): void {
  const percent = percentValue(value);
  if (percent !== undefined && percent > 100) errs.push(invalidGo(path, goIntOrString(value), 'must not be greater than 100%'));
}

/** A strategy struct as Go's %#v prints it: `apps.DeploymentStrategy{Type:"X", RollingUpdate:(*apps.RollingUpdateDeployment)(nil)}`. */
function goStrategy(typeName: string, rollingType: string, strategy: Json): string {
  const present = strategy.rollingUpdate !== undefined && strategy.rollingUpdate !== null;
  return `apps.${typeName}{Type:${JSON.stringify(String(strategy.type ?? ''))}, RollingUpdate:${goPointer(`apps.${rollingType}`, present)}}`;
}

/** ValidateDeploymentStrategy at `spec.strategy`; an absent type is left to defaulting (RollingUpdate, 25%/25%). */
export function validateDeploymentStrategy(errs: Errors, spec: Json, path: string): void {
  const strategy = objectAt(errs, spec, path, 'strategy');
  const p = child(path, 'strategy');
  const type = strategy ? stringAt(errs, strategy, p, 'type') : undefined;
  if (!strategy || type === undefined) return;
  if (type === 'Recreate') {
    if (strategy.rollingUpdate !== undefined && strategy.rollingUpdate !== null) {
      errs.push(forbiddenField(child(p, 'rollingUpdate'), "may not be specified when strategy `type` is 'Recreate'"));
    }
  } else if (type === 'RollingUpdate') {
    const ru = objectAt(errs, strategy, p, 'rollingUpdate') ?? {};
    const rp = child(p, 'rollingUpdate');
    const maxUnavailable = intOrStringAt(errs, ru, rp, 'maxUnavailable') ?? '25%';
    const maxSurge = intOrStringAt(errs, ru, rp, 'maxSurge') ?? '25%';
    validatePositiveIntOrPercent(errs, maxUnavailable, child(rp, 'maxUnavailable'));
    validatePositiveIntOrPercent(errs, maxSurge, child(rp, 'maxSurge'));
    if (intOrPercentValue(maxUnavailable) === 0 && intOrPercentValue(maxSurge) === 0) {
      errs.push(invalidGo(child(rp, 'maxUnavailable'), goIntOrString(maxUnavailable), 'may not be 0 when `maxSurge` is 0'));
    }
    validateNotMoreThan100Percent(errs, maxUnavailable, child(rp, 'maxUnavailable'));
  } else {
    errs.push(notSupportedGo(p, goStrategy('DeploymentStrategy', 'RollingUpdateDeployment', strategy), ['Recreate', 'RollingUpdate']));
  }
}

/** ValidateDaemonSetUpdateStrategy at `spec.updateStrategy`; defaults are maxUnavailable 1, maxSurge 0. */
export function validateDaemonSetUpdateStrategy(errs: Errors, spec: Json, path: string): void {
  const strategy = objectAt(errs, spec, path, 'updateStrategy');
  const p = child(path, 'updateStrategy');
  const type = strategy ? stringAt(errs, strategy, p, 'type') : undefined;
  if (!strategy || type === undefined || type === 'OnDelete') return;
  if (type !== 'RollingUpdate') {
    errs.push(notSupportedGo(p, goStrategy('DaemonSetUpdateStrategy', 'RollingUpdateDaemonSet', strategy), ['RollingUpdate', 'OnDelete']));
    return;
  }
  const ru = objectAt(errs, strategy, p, 'rollingUpdate') ?? {};
  const rp = child(p, 'rollingUpdate');
  const maxUnavailable = intOrStringAt(errs, ru, rp, 'maxUnavailable') ?? 1;
  const maxSurge = intOrStringAt(errs, ru, rp, 'maxSurge') ?? 0;
  validatePositiveIntOrPercent(errs, maxUnavailable, child(rp, 'maxUnavailable'));
  validatePositiveIntOrPercent(errs, maxSurge, child(rp, 'maxSurge'));
  validateNotMoreThan100Percent(errs, maxUnavailable, child(rp, 'maxUnavailable'));
  validateNotMoreThan100Percent(errs, maxSurge, child(rp, 'maxSurge'));
  const hasUnavailable = intOrPercentValue(maxUnavailable) !== 0;
  const hasSurge = intOrPercentValue(maxSurge) !== 0;
  if (hasUnavailable && hasSurge) errs.push(invalidGo(child(rp, 'maxSurge'), goIntOrString(maxSurge), 'may not be set when maxUnavailable is non-zero'));
  if (!hasUnavailable && !hasSurge) errs.push(required(child(rp, 'maxUnavailable'), 'cannot be 0 when maxSurge is 0'));
}

/** The StatefulSet updateStrategy: RollingUpdate (partition, maxUnavailable) or OnDelete. */
export function validateStatefulSetUpdateStrategy(errs: Errors, spec: Json, path: string): void {
  const strategy = objectAt(errs, spec, path, 'updateStrategy');
  const p = child(path, 'updateStrategy');
  const type = strategy ? stringAt(errs, strategy, p, 'type') : undefined;
  if (!strategy || type === undefined) return;
  const ru = objectAt(errs, strategy, p, 'rollingUpdate');
  const rp = child(p, 'rollingUpdate');
  if (type === 'OnDelete') {
    if (ru) {
      const rendered = `apps.RollingUpdateStatefulSetStrategy{Partition:${typeof ru.partition === 'number' ? ru.partition : 0}, MaxUnavailable:${goPointer('intstr.IntOrString', ru.maxUnavailable !== undefined)}}`;
      errs.push(invalidGo(rp, rendered, "only allowed for updateStrategy 'RollingUpdate'"));
    }
  } else if (type === 'RollingUpdate') {
    if (!ru) return;
    validateNonnegative(errs, intAt(errs, ru, rp, 'partition'), child(rp, 'partition'));
    const maxUnavailable = intOrStringAt(errs, ru, rp, 'maxUnavailable');
    if (maxUnavailable === undefined) return;
    validatePositiveIntOrPercent(errs, maxUnavailable, child(rp, 'maxUnavailable'));
    if (intOrPercentValue(maxUnavailable) === 0) errs.push(invalidGo(child(rp, 'maxUnavailable'), goIntOrString(maxUnavailable), 'cannot be 0'));
    validateNotMoreThan100Percent(errs, maxUnavailable, child(rp, 'maxUnavailable'));
  } else {
    errs.push(invalidGo(p, goStrategy('StatefulSetUpdateStrategy', 'RollingUpdateStatefulSetStrategy', strategy), "must be 'RollingUpdate' or 'OnDelete'"));
  }
}
