/**
 * Image references as Kubernetes reads them: pkg/util/parsers.ParseImageName on top of the
 * distribution/reference grammar (ParseNormalizedNamed). The API server uses it to default
 * `imagePullPolicy`; the kubelet uses the same rules for `InvalidImageName`.
 */

/** A parsed image reference, or why it is not one. */
export type ImageName =
  | { ok: true; repository: string; tag: string; digest: string }
  | { ok: false; error: string };

/** The tag an image reference without tag or digest gets (parsers.DefaultImageTag). */
export const DEFAULT_IMAGE_TAG = 'latest';

const ALPHANUMERIC = '[a-z0-9]+';
const SEPARATOR = '(?:[._]|__|[-]+)';
const PATH_COMPONENT = `${ALPHANUMERIC}(?:${SEPARATOR}${ALPHANUMERIC})*`;
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const HOST = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[a-fA-F0-9:]+\\])`;
const DOMAIN = `${HOST}(?::[0-9]+)?`;
const NAME = `(?:${DOMAIN}/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*`;
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9A-Fa-f]{32,}';
const REFERENCE = new RegExp(`^(${NAME})(?::(${TAG}))?(?:@(${DIGEST}))?$`);
const IDENTIFIER = /^[a-f0-9]{64}$/;
const DIGEST_HEX_LENGTH: Record<string, number> = { sha256: 64, sha384: 96, sha512: 128 };
const NAME_TOTAL_LENGTH_MAX = 255;
const DEFAULT_DOMAIN = 'docker.io';
const LEGACY_DEFAULT_DOMAIN = 'index.docker.io';
const OFFICIAL_REPOSITORIES_NAME = 'library';

/** splitDockerDomain: the registry part of a reference, Docker Hub when there is none. */
function splitDomain(reference: string): [string, string] {
  const slash = reference.indexOf('/');
  const first = slash < 0 ? '' : reference.slice(0, slash);
  let domain: string;
  let remainder: string;
  if (slash < 0 || (!/[.:]/.test(first) && first !== 'localhost' && first.toLowerCase() === first)) {
    domain = DEFAULT_DOMAIN;
    remainder = reference;
  } else {
    domain = first;
    remainder = reference.slice(slash + 1);
  }
  if (domain === LEGACY_DEFAULT_DOMAIN) domain = DEFAULT_DOMAIN;
  if (domain === DEFAULT_DOMAIN && !remainder.includes('/')) remainder = `${OFFICIAL_REPOSITORIES_NAME}/${remainder}`;
  return [domain, remainder];
}

function validateDigest(digest: string): string | undefined {
  const colon = digest.indexOf(':');
  const algorithm = digest.slice(0, colon);
  const expected = DIGEST_HEX_LENGTH[algorithm];
  if (expected === undefined) return 'unsupported digest algorithm';
  const hex = digest.slice(colon + 1);
  if (hex.length !== expected || !/^[a-f0-9]+$/.test(hex)) return 'invalid checksum digest format';
  return undefined;
}

/**
 * Parses an image reference the way ParseImageName does: `nginx` is `docker.io/library/nginx`
 * with tag `latest`; `registry:5000/app` has a registry port, not a tag; `repo@sha256:…` has a
 * digest and no tag.
 */
export function parseImageName(image: string): ImageName {
  const failed = (reason: string): ImageName => ({ ok: false, error: `couldn't parse image name "${image}": ${reason}` });
  if (IDENTIFIER.test(image)) {
    return failed(`invalid repository name (${image}), cannot specify 64-byte hexadecimal strings`);
  }
  const [domain, remainder] = splitDomain(image);
  const tagSeparator = remainder.indexOf(':');
  const remoteName = tagSeparator < 0 ? remainder : remainder.slice(0, tagSeparator);
  if (remoteName.toLowerCase() !== remoteName) {
    return failed(`invalid reference format: repository name (${remoteName}) must be lowercase`);
  }
  const match = REFERENCE.exec(`${domain}/${remainder}`);
  if (!match) return failed('invalid reference format');
  const repository = match[1] ?? '';
  if (repository.length > NAME_TOTAL_LENGTH_MAX) {
    return failed(`repository name must not be more than ${NAME_TOTAL_LENGTH_MAX} characters`);
  }
  let tag = match[2] ?? '';
  const digest = match[3] ?? '';
  if (digest !== '') {
    const problem = validateDigest(digest);
    if (problem) return failed(problem);
  }
  if (tag === '' && digest === '') tag = DEFAULT_IMAGE_TAG;
  return { ok: true, repository, tag, digest };
}

/**
 * SetDefaults_Container's rule for `imagePullPolicy`: `Always` when the tag is `latest` (written
 * or implied by a reference with neither tag nor digest), `IfNotPresent` otherwise, including for
 * references that do not parse (validation or the kubelet reports those).
 */
export function defaultImagePullPolicy(image: string): 'Always' | 'IfNotPresent' {
  const parsed = parseImageName(image);
  return parsed.ok && parsed.tag === DEFAULT_IMAGE_TAG ? 'Always' : 'IfNotPresent';
}
