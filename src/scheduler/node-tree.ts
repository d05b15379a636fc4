/**
 * The scheduler cache's nodeTree: node names grouped by zone, listed round-robin across zones so
 * that sampling a percentage of nodes still spreads over every zone.
 */
import type { Node } from './types.js';

/** utilnode.GetZoneKey: `region:\x00:zone` from the topology labels (or their beta forms), '' without them. */
export function zoneKey(node: Node): string {
  const labels = node.metadata.labels;
  if (labels === undefined) return '';
  const zone = labels['topology.kubernetes.io/zone'] ?? labels['failure-domain.beta.kubernetes.io/zone'];
  const region = labels['topology.kubernetes.io/region'] ?? labels['failure-domain.beta.kubernetes.io/region'];
  if (zone === undefined && region === undefined) return '';
  return `${region ?? ''}:\u0000:${zone ?? ''}`;
}

/** Node names by zone, in insertion order within a zone. */
export class NodeTree {
  private readonly zones: string[] = [];
  private readonly tree = new Map<string, string[]>();
  private readonly zoneOf = new Map<string, string>();

  /** How many nodes. */
  get size(): number {
    return this.zoneOf.size;
  }

  /** Adds a node, or moves it when its zone changed; false when nothing changed. */
  add(node: Node): boolean {
    const name = node.metadata.name ?? '';
    const zone = zoneKey(node);
    const current = this.zoneOf.get(name);
    if (current === zone) return false;
    if (current !== undefined) this.remove(name);
    let names = this.tree.get(zone);
    if (names === undefined) {
      this.tree.set(zone, (names = []));
      this.zones.push(zone);
    }
    names.push(name);
    this.zoneOf.set(name, zone);
    return true;
  }

  /** Removes a node. */
  remove(name: string): void {
    const zone = this.zoneOf.get(name);
    if (zone === undefined) return;
    this.zoneOf.delete(name);
    const names = this.tree.get(zone)!;
    names.splice(names.indexOf(name), 1);
    if (names.length === 0) {
      this.tree.delete(zone);
      this.zones.splice(this.zones.indexOf(zone), 1);
    }
  }

  /** nodeTree.list: one node of each zone in turn until every zone is exhausted. */
  list(): string[] {
    const out: string[] = [];
    const next = new Array<number>(this.zones.length).fill(0);
    while (out.length < this.zoneOf.size) {
      for (let z = 0; z < this.zones.length; z++) {
        const names = this.tree.get(this.zones[z]!)!;
        if (next[z]! < names.length) out.push(names[next[z]!++]!);
      }
    }
    return out;
  }
}
