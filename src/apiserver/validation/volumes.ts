/**
 * Pod volumes (ValidateVolumes): names unique DNS labels, exactly one source each, and the
 * required fields of the sources a playground manifest uses (emptyDir, hostPath, configMap,
 * secret, persistentVolumeClaim, projected, downwardAPI). Other sources are accepted as given.
 */
import { child, forbiddenField, index, invalidValue, required, duplicate } from '../../api/field-errors.js';
import type { Errors, Json } from './access.js';
import { intAt, objectAt, objectsAt, stringAt } from './access.js';
import { isDNS1123Label } from './names.js';

const SOURCES = [
  'emptyDir', 'hostPath', 'gitRepo', 'gcePersistentDisk', 'awsElasticBlockStore', 'secret', 'nfs', 'iscsi', 'glusterfs',
  'flocker', 'persistentVolumeClaim', 'rbd', 'cinder', 'cephfs', 'quobyte', 'downwardAPI', 'fc', 'flexVolume', 'configMap',
  'azureFile', 'vsphereVolume', 'photonPersistentDisk', 'portworxVolume', 'azureDisk', 'storageos', 'projected', 'scaleIO',
  'csi', 'ephemeral', 'image',
] as const;

const FILE_MODE_ERROR = 'must be a number between 0 and 0777 (octal), both inclusive';

function validateMode(errs: Errors, source: Json, path: string, key: string): void {
  const mode = intAt(errs, source, path, key);
  if (mode !== undefined && (mode < 0 || mode > 0o777)) errs.push(invalidValue(child(path, key), mode, FILE_MODE_ERROR));
}

function validateKeyToPaths(errs: Errors, source: Json, path: string): void {
  objectsAt(errs, source, path, 'items').forEach((item, i) => {
    if (!item) return;
    const p = index(child(path, 'items'), i);
    if (!stringAt(errs, item, p, 'key')) errs.push(required(child(p, 'key'), ''));
    const itemPath = stringAt(errs, item, p, 'path');
    if (!itemPath) errs.push(required(child(p, 'path'), ''));
    else validateLocalDescendingPath(errs, itemPath, child(p, 'path'));
    validateMode(errs, item, p, 'mode');
  });
}

/** validateLocalDescendingPath: relative, and no `..` element. */
export function validateLocalDescendingPath(errs: Errors, value: string, path: string): void {
  if (value.startsWith('/')) errs.push(invalidValue(path, value, 'must be a relative path'));
  if (value.split('/').includes('..')) errs.push(invalidValue(path, value, "must not contain '..'"));
}

function validateSource(errs: Errors, kind: string, source: Json, path: string): void {
  switch (kind) {
    case 'hostPath': {
      const p = stringAt(errs, source, path, 'path');
      if (!p) errs.push(required(child(path, 'path'), ''));
      else if (p.split('/').includes('..')) errs.push(invalidValue(child(path, 'path'), p, "must not contain '..'"));
      break;
    }
    case 'secret':
      if (!stringAt(errs, source, path, 'secretName')) errs.push(required(child(path, 'secretName'), ''));
      validateMode(errs, source, path, 'defaultMode');
      validateKeyToPaths(errs, source, path);
      break;
    case 'configMap':
      if (!stringAt(errs, source, path, 'name')) errs.push(required(child(path, 'name'), ''));
      validateMode(errs, source, path, 'defaultMode');
      validateKeyToPaths(errs, source, path);
      break;
    case 'persistentVolumeClaim':
      if (!stringAt(errs, source, path, 'claimName')) errs.push(required(child(path, 'claimName'), ''));
      break;
    case 'downwardAPI':
    case 'projected':
      validateMode(errs, source, path, 'defaultMode');
      break;
    default:
      break;
  }
}

/**
 * ValidateVolumes: returns the names of the valid volumes (volumeMounts may only name these) and
 * reports every invalid one.
 */
export function validateVolumes(errs: Errors, spec: Json, path: string): Set<string> {
  const names = new Set<string>();
  const volumesPath = child(path, 'volumes');
  objectsAt(errs, spec, path, 'volumes').forEach((volume, i) => {
    if (!volume) return;
    const idxPath = index(volumesPath, i);
    const namePath = child(idxPath, 'name');
    const el: Errors = [];
    let count = 0;
    for (const kind of SOURCES) {
      if (volume[kind] === undefined || volume[kind] === null) continue;
      if (count > 0) {
        el.push(forbiddenField(child(idxPath, kind), 'may not specify more than 1 volume type'));
        continue;
      }
      count++;
      const source = objectAt(el, volume, idxPath, kind);
      if (source) validateSource(el, kind, source, child(idxPath, kind));
    }
    if (count === 0) el.push(required(idxPath, 'must specify a volume type'));
    const name = stringAt(el, volume, idxPath, 'name') ?? '';
    if (name === '') el.push(required(namePath, ''));
    else for (const msg of isDNS1123Label(name)) el.push(invalidValue(namePath, name, msg));
    if (names.has(name)) el.push(duplicate(namePath, name));
    if (el.length === 0) names.add(name);
    else errs.push(...el);
  });
  return names;
}

