/**
 * Defaults of rbac.authorization.k8s.io/v1 bindings (SetDefaults_RoleBinding,
 * SetDefaults_ClusterRoleBinding, SetDefaults_Subject).
 */
import type { KubeObject } from '../../api/types.js';
import type { Fields } from './fields.js';
import { cloneJson, defaultString, ensureChild, items } from './fields.js';

/** The RBAC API group. */
export const RBAC_GROUP = 'rbac.authorization.k8s.io';

/**
 * A RoleBinding or ClusterRoleBinding: the roleRef's apiGroup is RBAC's, and each subject's
 * apiGroup follows its kind: RBAC's for User and Group (a ServiceAccount's is the core group, `""`,
 * which JSON omits).
 */
export function defaultRoleBinding(binding: KubeObject): KubeObject {
  const copy = cloneJson(binding) as KubeObject & Fields;
  defaultString(ensureChild(copy, 'roleRef'), 'apiGroup', RBAC_GROUP);
  for (const subject of items(copy, 'subjects')) {
    if (typeof subject.apiGroup === 'string' && subject.apiGroup !== '') continue;
    if (subject.kind === 'User' || subject.kind === 'Group') subject.apiGroup = RBAC_GROUP;
  }
  return copy;
}
