/**
 * The simulated registry's catalog: well-known images with their real compressed sizes (linux/amd64,
 * as the kubelet's `Pulled` event reports them, "Image size: N bytes") and what their image config
 * says (ENTRYPOINT, CMD, the ports the default process listens on, which shell and utilities they
 * carry). A one-component Docker Hub name that is not listed here does not exist.
 */
import { createHash } from 'node:crypto';

/** Which utilities an image carries: busybox applets (busybox, alpine), GNU coreutils (debian, ubuntu) or none (pause, distroless). */
export type Userland = 'busybox' | 'gnu' | 'none';

/** One catalog entry, keyed by its normalised repository (`docker.io/library/nginx`). */
interface CatalogEntry {
  /** Compressed size of the `latest` tag. */
  readonly size: number;
  /** Sizes of particular tags. */
  readonly tags?: Readonly<Record<string, number>>;
  /** Sizes of tag families, matched by substring (`alpine`, `slim`). */
  readonly variants?: Readonly<Record<string, number>>;
  readonly entrypoint?: readonly string[];
  readonly cmd?: readonly string[];
  readonly userland?: Userland;
  /** Whether `bash` is installed (default: only with GNU userland). */
  readonly bash?: boolean;
  /** Ports the image's default process listens on. */
  readonly ports?: readonly number[];
}

/** What the runtime knows about an image once its reference is resolved. */
export interface ImageFacts {
  /** Whether the image is in the catalog (its behaviour is then known, not guessed). */
  readonly known: boolean;
  /** The normalised repository (`docker.io/library/nginx`) and tag (`1.27`, '' for none), for what its programs print. */
  readonly repository: string;
  readonly tag: string;
  readonly sizeBytes: number;
  readonly entrypoint: readonly string[];
  readonly cmd: readonly string[];
  readonly userland: Userland;
  readonly hasShell: boolean;
  readonly hasBash: boolean;
  readonly ports: readonly number[];
}

const DOCKER_ENTRYPOINT = ['docker-entrypoint.sh'];
const PAUSE: CatalogEntry = {
  size: 320_368,
  tags: { '3.1': 317_164, '3.2': 299_513, '3.5': 301_416, '3.6': 253_553, '3.7': 311_278, '3.8': 311_286, '3.9': 268_051, '3.10': 320_368 },
  entrypoint: ['/pause'],
  userland: 'none',
};
const K8S_BUSYBOX: CatalogEntry = { size: 675_924, tags: { '1.24': 675_924, '1.27.2': 726_417 }, cmd: ['sh'], userland: 'busybox' };

const CATALOG: Readonly<Record<string, CatalogEntry>> = {
  'docker.io/library/nginx': {
    size: 72_195_292,
    tags: { '1.14.2': 44_710_204, '1.16.1': 51_030_575, '1.25': 70_533_566, '1.27': 72_099_501 },
    variants: { alpine: 20_505_732 },
    entrypoint: ['/docker-entrypoint.sh'],
    cmd: ['nginx', '-g', 'daemon off;'],
    ports: [80],
  },
  'docker.io/library/busybox': { size: 2_223_685, tags: { '1.28': 727_869, '1.35': 2_155_620, '1.36': 2_152_262 }, cmd: ['sh'], userland: 'busybox' },
  'docker.io/library/alpine': { size: 3_645_298, tags: { '3.18': 3_406_210, '3.19': 3_418_409, '3.20': 3_624_160 }, cmd: ['/bin/sh'], userland: 'busybox' },
  'docker.io/library/debian': { size: 48_316_582, variants: { slim: 28_227_259 }, cmd: ['bash'] },
  'docker.io/library/ubuntu': { size: 29_732_622, cmd: ['/bin/bash'] },
  'docker.io/library/centos': { size: 83_518_086, cmd: ['/bin/bash'] },
  'docker.io/library/fedora': { size: 63_582_112, cmd: ['/bin/bash'] },
  'docker.io/library/bash': { size: 6_329_580, entrypoint: DOCKER_ENTRYPOINT, cmd: ['bash'], userland: 'busybox', bash: true },
  'docker.io/library/redis': {
    size: 49_510_951,
    variants: { alpine: 17_281_092 },
    entrypoint: DOCKER_ENTRYPOINT,
    cmd: ['redis-server'],
    ports: [6379],
  },
  'docker.io/library/perl': { size: 339_127_604, tags: { '5.34.0': 335_994_112 }, variants: { slim: 37_306_711 }, cmd: ['perl'] },
  'docker.io/library/python': {
    size: 384_329_530,
    variants: { slim: 45_116_412, alpine: 17_461_520 },
    cmd: ['python3'],
  },
  'docker.io/library/node': {
    size: 401_367_024,
    variants: { slim: 73_982_101, alpine: 56_112_947 },
    entrypoint: DOCKER_ENTRYPOINT,
    cmd: ['node'],
  },
  'docker.io/library/golang': { size: 285_982_327, variants: { alpine: 80_151_120 }, cmd: ['bash'] },
  'docker.io/library/openjdk': { size: 193_407_238, variants: { slim: 135_024_113 }, cmd: ['jshell'] },
  'docker.io/library/httpd': { size: 58_214_520, variants: { alpine: 21_504_077 }, cmd: ['httpd-foreground'], ports: [80] },
  'docker.io/library/mysql': { size: 170_381_221, tags: { '8.0': 167_214_770 }, entrypoint: DOCKER_ENTRYPOINT, cmd: ['mysqld'], ports: [3306, 33060] },
  'docker.io/library/mariadb': { size: 121_640_044, entrypoint: DOCKER_ENTRYPOINT, cmd: ['mariadbd'], ports: [3306] },
  'docker.io/library/postgres': {
    size: 158_497_153,
    variants: { alpine: 104_263_370 },
    entrypoint: DOCKER_ENTRYPOINT,
    cmd: ['postgres'],
    ports: [5432],
  },
  'docker.io/library/memcached': { size: 31_942_710, variants: { alpine: 11_016_300 }, entrypoint: DOCKER_ENTRYPOINT, cmd: ['memcached'], ports: [11211] },
  'docker.io/library/mongo': { size: 265_107_341, entrypoint: DOCKER_ENTRYPOINT, cmd: ['mongod'], ports: [27017] },
  'docker.io/library/php': { size: 180_253_644, variants: { alpine: 35_307_425, apache: 178_020_441 }, entrypoint: ['docker-php-entrypoint'], cmd: ['php', '-a'] },
  'docker.io/library/wordpress': { size: 249_640_122, entrypoint: DOCKER_ENTRYPOINT, cmd: ['apache2-foreground'], ports: [80] },
  'docker.io/library/rabbitmq': { size: 98_741_332, entrypoint: DOCKER_ENTRYPOINT, cmd: ['rabbitmq-server'], ports: [5672] },
  'docker.io/library/haproxy': { size: 40_211_030, entrypoint: DOCKER_ENTRYPOINT, cmd: ['haproxy', '-f', '/usr/local/etc/haproxy/haproxy.cfg'] },
  'docker.io/library/traefik': { size: 49_003_820, entrypoint: ['/entrypoint.sh'], cmd: ['traefik'], userland: 'busybox', ports: [80] },
  'docker.io/library/registry': { size: 9_902_154, entrypoint: ['/entrypoint.sh'], cmd: ['/etc/docker/registry/config.yml'], userland: 'busybox', ports: [5000] },
  'docker.io/library/hello-world': { size: 2_479, cmd: ['/hello'], userland: 'none' },
  'docker.io/polinux/stress': { size: 4_041_495, userland: 'busybox' },
  'docker.io/progrium/stress': { size: 100_621_834, entrypoint: ['/usr/bin/stress', '--verbose'] },
  'docker.io/nicolaka/netshoot': { size: 208_201_776, cmd: ['zsh'], userland: 'gnu' },
  'docker.io/curlimages/curl': { size: 9_820_321, entrypoint: ['/entrypoint.sh'], cmd: ['curl'], userland: 'busybox' },
  'registry.k8s.io/pause': PAUSE,
  'k8s.gcr.io/pause': PAUSE,
  'registry.k8s.io/busybox': K8S_BUSYBOX,
  'k8s.gcr.io/busybox': K8S_BUSYBOX,
  'gcr.io/google-samples/hello-app': { size: 11_364_113, entrypoint: ['/hello-app'], userland: 'none', ports: [8080] },
  'gcr.io/google_samples/gb-frontend': { size: 170_362_105, ports: [80] },
  'gcr.io/google-samples/gb-frontend': { size: 170_362_105, ports: [80] },
  'gcr.io/distroless/static': { size: 1_032_421, userland: 'none' },
  'gcr.io/distroless/base': { size: 8_922_148, userland: 'none' },
  'docker.io/cockroachdb/cockroach-k8s-init': { size: 4_421_120, entrypoint: ['/peer-finder'], userland: 'busybox' },
};

/** A stable 256-bit digest of `text`, as 64 hex characters. */
export function stableDigest(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Whether `repository` (normalised) is a one-component Docker Hub name, `docker.io/library/<name>`. */
export function isOfficialLibraryImage(repository: string): boolean {
  return repository.startsWith('docker.io/library/');
}

/** Whether the catalog lists `repository`. */
export function inCatalog(repository: string): boolean {
  return CATALOG[repository] !== undefined;
}

/** The catalog's size for a tag: the exact tag, a tag family, or the `latest` size varied a little (stably) per tag. */
function catalogSize(entry: CatalogEntry, tag: string): number {
  if (tag === '' || tag === 'latest') return entry.size;
  const exact = entry.tags?.[tag];
  if (exact !== undefined) return exact;
  for (const [family, size] of Object.entries(entry.variants ?? {})) if (tag.includes(family)) return size;
  return Math.round(entry.size * (0.9 + (parseInt(stableDigest(tag).slice(0, 6), 16) / 0xffffff) * 0.2));
}

/**
 * What the runtime knows about `repository:tag`. Images outside the catalog get a size derived
 * from their name (15–200 MB), no known entrypoint, GNU userland with sh and bash.
 */
export function imageFacts(repository: string, tag: string): ImageFacts {
  const entry = CATALOG[repository];
  if (!entry) {
    const size = 15_000_000 + (parseInt(stableDigest(repository).slice(0, 8), 16) % 185_000_000);
    return { known: false, repository, tag, sizeBytes: size, entrypoint: [], cmd: [], userland: 'gnu', hasShell: true, hasBash: true, ports: [] };
  }
  const alpineTag = tag.includes('alpine');
  const userland: Userland = alpineTag && entry.userland !== 'none' ? 'busybox' : (entry.userland ?? 'gnu');
  return {
    known: true,
    repository,
    tag,
    sizeBytes: catalogSize(entry, tag),
    entrypoint: entry.entrypoint ?? [],
    cmd: entry.cmd ?? [],
    userland,
    hasShell: userland !== 'none',
    hasBash: entry.bash ?? userland === 'gnu',
    ports: entry.ports ?? [],
  };
}
