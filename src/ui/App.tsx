/**
 * The dashboard: header, control-plane strip, one pane (or the details of its selection, or the
 * help), manifest errors, the status line and the footer, laid out to the terminal's size. State
 * lives in hooks (useView, useFrame); behaviour comes from the key table (keys.ts).
 */
import React, { useCallback, useEffect, useRef } from 'react';
import { Box, useApp } from 'ink';
import type { Cluster } from '../cluster/cluster.js';
import type { FolderStatus } from './folder-status.js';
import type { PaneId } from './keys.js';
import type { PaneProps, Selection } from './pane.js';
import { commandContext, stoppableComponents } from './command-context.js';
import { stripEntries, stripLength } from './render/control-plane.js';
import { ColorContext, colorAllowed } from './hooks/use-color.js';
import { useFrame } from './hooks/use-frame.js';
import { useKeyDispatch } from './hooks/use-key-dispatch.js';
import { useTerminalSize } from './hooks/use-terminal-size.js';
import { useView } from './hooks/use-view.js';
import { ControlPlaneStrip } from './components/ControlPlaneStrip.js';
import { DetailsPane } from './components/DetailsPane.js';
import { EtcdPane } from './components/EtcdPane.js';
import { EventsPane } from './components/EventsPane.js';
import { Footer } from './components/Footer.js';
import { Header } from './components/Header.js';
import { HelpOverlay } from './components/HelpOverlay.js';
import { ManifestErrors } from './components/ManifestErrors.js';
import { NodesPane } from './components/NodesPane.js';
import { PodsPane } from './components/PodsPane.js';
import { ServicesPane } from './components/ServicesPane.js';
import { WorkloadsPane } from './components/WorkloadsPane.js';

/** Props of {@link App}. */
export interface AppProps {
  cluster: Cluster;
  /** Simulated time the dashboard counts from (epoch ms); the clock's time at mount when absent. */
  start?: number;
  folder?: FolderStatus;
  /** Most redraws per second (default 15). */
  maxFps?: number;
  /** Colour unless NO_COLOR is set (default: read from the environment). */
  color?: boolean;
  /** Called when the user quits (q, Ctrl-C), before ink exits. */
  onQuit?: () => void;
}

const PANE_COMPONENTS: Record<PaneId, (props: PaneProps) => React.JSX.Element> = {
  nodes: NodesPane,
  pods: PodsPane,
  workloads: WorkloadsPane,
  services: ServicesPane,
  etcd: EtcdPane,
  events: EventsPane,
};

/** The whole dashboard. */
export function App({ cluster, start, folder, maxFps = 15, color = colorAllowed(), onQuit }: AppProps): React.JSX.Element {
  const { exit } = useApp();
  const { columns, rows } = useTerminalSize();
  const startRef = useRef(start ?? cluster.clock.now());
  const { view, viewRef, update } = useView();
  const folderKey = useCallback(() => (folder === undefined ? '' : `${folder.files()}/${folder.errors().length}`), [folder]);
  const { frame, bump } = useFrame(cluster, maxFps, folderKey);
  const quit = useCallback(() => {
    onQuit?.();
    exit();
  }, [exit, onQuit]);
  const context = () => commandContext({ cluster, viewRef, update, bump, quit });
  useKeyDispatch(context, viewRef, update);
  useEffect(() => cluster.commandOutput.subscribe((line) => update({ status: { ok: line.stream === 'out', text: `${line.command}: ${line.text}` } })), [cluster, update]);
  const onSelect = useCallback((selection: Selection | undefined) => update({ selection }, true), [update]);

  const width = Math.max(40, columns);
  const height = Math.max(12, rows - 1);
  const components = stoppableComponents(cluster);
  const selectedComponent = components[view.component % Math.max(1, components.length)];
  const strip = stripEntries(cluster.components().map((c) => ({ name: c.name, state: c.state })), cluster.parts?.scheduler.queueStats());
  const stripLines = Math.max(1, Math.ceil(stripLength(strip) / width));
  const errors = folder?.errors() ?? [];
  const errorLines = Math.min(errors.length, 3);
  const paneHeight = Math.max(5, height - 2 - stripLines - errorLines - 2);
  const focused = !view.help && view.confirm === undefined && view.filterDraft === undefined;
  const paneProps: PaneProps = { cluster, width, height: paneHeight, focused, frame, filter: view.filter, onSelect };
  const Pane = PANE_COMPONENTS[view.pane];
  return (
    <ColorContext.Provider value={color}>
      <Box flexDirection="column" width={width} height={height}>
        <Header cluster={cluster} start={startRef.current} folder={folder} width={width} frame={frame} />
        <Box height={stripLines} width={width}>
          <ControlPlaneStrip cluster={cluster} component={selectedComponent} width={width} frame={frame} />
        </Box>
        {view.help ? (
          <HelpOverlay width={width} height={paneHeight} />
        ) : view.details !== undefined ? (
          <DetailsPane {...paneProps} selection={view.details} />
        ) : (
          <Pane key={view.pane} {...paneProps} />
        )}
        <ManifestErrors errors={errors} width={width} maxLines={errorLines} />
        <Footer status={view.status} filterDraft={view.filterDraft} filter={view.filter} confirm={view.confirm?.question} width={width} />
      </Box>
    </ColorContext.Provider>
  );
}
