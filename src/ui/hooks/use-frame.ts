/**
 * The dashboard's frame counter: it advances when the cluster may have changed (the clock moved,
 * etcd's revision moved, a component changed state, or `bump` was called after a command), checked
 * at most `maxFps` times a second — and not at all when nothing changed, so an idle cluster costs
 * nothing to draw. This is the UI edge, so it polls with a real timer.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Cluster } from '../../cluster/cluster.js';

/** What the cluster looks like, cheaply: equal fingerprints mean there is nothing to redraw. */
export function clusterFingerprint(cluster: Cluster, extra = ''): string {
  const states = cluster.components().map((c) => c.state).join(',');
  // Whole seconds: the screen shows no finer time, so a running but idle cluster redraws once a second.
  return `${Math.floor(cluster.clock.now() / 1000)}|${cluster.clock.mode}|${cluster.clock.speed}|${cluster.etcd.revision}|${states}|${extra}`;
}

/** The frame number and a function that forces the next check to redraw. */
export function useFrame(cluster: Cluster, maxFps: number, extra: () => string = () => ''): { frame: number; bump: () => void } {
  const [frame, setFrame] = useState(0);
  const last = useRef('');
  const extraRef = useRef(extra);
  extraRef.current = extra;
  useEffect(() => {
    const check = (): void => {
      const now = clusterFingerprint(cluster, extraRef.current());
      if (now === last.current) return;
      last.current = now;
      setFrame((f) => f + 1);
    };
    const timer = setInterval(check, Math.max(1, Math.round(1000 / Math.max(1, maxFps))));
    return () => clearInterval(timer);
  }, [cluster, maxFps]);
  const bump = useCallback(() => {
    last.current = '';
    setFrame((f) => f + 1);
  }, []);
  return { frame, bump };
}
