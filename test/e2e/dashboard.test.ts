/**
 * The dashboard end to end: the real `k8s-playground` binary in a real pseudo-terminal (tmux,
 * 120×40, TERM=xterm-256color, `CI` removed because ink prints nothing when it is set). The test
 * drops a Deployment into the watched folder, waits for its pods to show Running, presses keys and
 * reads the screen. Assertions stay on generic text (pod names, `NAME`, `STATUS`, `Running`) so the
 * panes' layout may change freely.
 */
import test from 'ava';
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The repository root (this file runs as dist/test/e2e/dashboard.test.js). */
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const BIN = join(ROOT, 'bin', 'k8s-playground.js');
const COLUMNS = 120;
const ROWS = 40;
const POLL_MS = 100;
const WAIT_MS = 30_000;
const SESSION = 'dashboard';

const MANIFEST = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: e2e-web
spec:
  replicas: 2
  selector:
    matchLabels: {app: e2e-web}
  template:
    metadata:
      labels: {app: e2e-web}
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
`;

/** A row of the Pods pane for one of the manifest's pods: `e2e-web-<hash>-<suffix> … Running`. */
const RUNNING_POD_ROW = /\be2e-web-[a-z0-9]+-[a-z0-9]{5}\b.*\bRunning\b/g;
const ANY_POD_ROW = /\be2e-web-[a-z0-9]+-[a-z0-9]{5}\b/g;

/** Whether the compiled CLI starts the dashboard (until it does, it prints this and runs headless). */
function dashboardWired(): boolean {
  const main = join(ROOT, 'dist', 'src', 'cli', 'main.js');
  return (
    existsSync(join(ROOT, 'dist', 'src', 'ui', 'run-dashboard.js')) &&
    existsSync(main) &&
    !readFileSync(main, 'utf8').includes('no dashboard in this version yet')
  );
}

function tmuxInstalled(): boolean {
  try {
    execFileSync('tmux', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** The environment of the tmux server and the dashboard: no `CI` (ink would print nothing). */
function terminalEnvironment(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, TERM: 'xterm-256color', NODE_ENV: 'production' };
  delete env['CI'];
  delete env['TMUX'];
  return env;
}

/** One tmux server of its own (a private socket) holding one session that runs the command. */
class Terminal {
  private readonly socket = `k8s-playground-e2e-${process.pid}-${Date.now()}`;
  private readonly env = terminalEnvironment();
  private statusFile = '';

  constructor(private readonly config: string) {}

  tmux(...args: string[]): Promise<string> {
    return run('tmux', ['-L', this.socket, '-f', this.config, ...args], { env: this.env }).then((r) => r.stdout);
  }

  /**
   * Runs `command` in `cwd`; a shell around it writes its exit status to `cwd/exit-status` (tmux
   * 3.3 sometimes marks the pane dead without ever showing `pane_dead_status`).
   */
  start(cwd: string, command: readonly string[]): Promise<string> {
    const size = ['-x', String(COLUMNS), '-y', String(ROWS)];
    const shell = ['sh', '-c', 'env -u CI TERM=xterm-256color "$@"; echo $? > exit-status', 'sh'];
    this.statusFile = join(cwd, 'exit-status');
    return this.tmux('new-session', '-d', '-s', SESSION, ...size, '-c', cwd, ...shell, ...command);
  }

  /** The visible screen, one line per row. */
  screen(): Promise<string> {
    return this.tmux('capture-pane', '-p', '-t', SESSION);
  }

  keys(...keys: string[]): Promise<string> {
    return this.tmux('send-keys', '-t', SESSION, ...keys);
  }

  /** The program's exit status once it has ended. */
  async exitStatus(): Promise<number | undefined> {
    const text = await readFile(this.statusFile, 'utf8').catch(() => '');
    return text.trim() === '' ? undefined : Number(text.trim());
  }

  /** Polls the screen until `ready` holds; fails with the last screen after WAIT_MS. */
  async waitFor(what: string, ready: (screen: string) => boolean): Promise<string> {
    const deadline = performance.now() + WAIT_MS;
    let screen = '';
    for (;;) {
      screen = await this.screen();
      if (ready(screen)) return screen;
      if ((await this.exitStatus()) !== undefined) throw new Error(`the dashboard exited while waiting for ${what}; screen:\n${screen}`);
      if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}; screen:\n${screen}`);
      await delay(POLL_MS);
    }
  }

  /** Polls until the program has exited; its exit status. */
  async waitForExit(): Promise<number> {
    const deadline = performance.now() + WAIT_MS;
    for (;;) {
      const status = await this.exitStatus();
      if (status !== undefined) return status;
      if (performance.now() > deadline) throw new Error(`timed out waiting for the dashboard to exit; screen:\n${await this.screen()}`);
      await delay(POLL_MS);
    }
  }

  async close(): Promise<void> {
    await this.tmux('kill-server').catch(() => undefined);
  }
}

/** The command line: the real binary, plus `--no-api` once the CLI has it (so no port is taken). */
function command(dir: string): string[] {
  const usage = execFileSync(process.execPath, [BIN, '--help'], { encoding: 'utf8', env: terminalEnvironment() });
  return [process.execPath, BIN, dir, '--speed', '20', ...(usage.includes('--no-api') ? ['--no-api'] : [])];
}

/** How many screen rows differ between two captures. */
function changedRows(before: string, after: string): number {
  const a = before.split('\n');
  const b = after.split('\n');
  let changed = 0;
  for (let row = 0; row < Math.max(a.length, b.length); row++) if (a[row] !== b[row]) changed++;
  return changed;
}

const wired = dashboardWired();
const hasTmux = tmuxInstalled();
const reason = !wired ? ' (skipped: the CLI does not start the dashboard yet)' : !hasTmux ? ' (skipped: tmux is not installed; .ci/run installs it)' : '';

(wired && hasTmux ? test : test.skip)(
  `the dashboard shows a dropped Deployment's pods Running, opens help with ? and quits with q${reason}`,
  async (t) => {
    const home = await mkdtemp(join(tmpdir(), 'k8s-playground-e2e-'));
    const dir = join(home, 'manifests');
    await mkdir(dir);
    const config = join(home, 'tmux.conf');
    // No status line: the program gets all 40 rows. remain-on-exit: the last screen stays readable.
    await writeFile(config, 'set -g status off\nset -g remain-on-exit on\nset -g default-terminal xterm-256color\nset -sg escape-time 0\n');
    const terminal = new Terminal(config);
    t.teardown(async () => {
      await terminal.close();
      await rm(home, { recursive: true, force: true });
    });

    await terminal.start(home, command(dir));
    const first = await terminal.waitFor('the first frame', (screen) => screen.trim() !== '' && screen.includes('node-1'));
    t.notRegex(first, /no dashboard in this version yet/);

    await terminal.keys('2');
    // The Nodes pane has NAME and STATUS too: the Pods pane is the one listing the API server's mirror pod.
    const pods = await terminal.waitFor('the Pods pane', (screen) => /\bNAME\b.*\bSTATUS\b/.test(screen) && screen.includes('kube-apiserver-control-plane'));
    t.regex(pods, /\bNAME\b.*\bSTATUS\b/);

    await writeFile(join(dir, 'e2e-web.yaml'), MANIFEST);
    const running = await terminal.waitFor('both pods Running', (screen) => (screen.match(RUNNING_POD_ROW) ?? []).length === 2);
    t.is((running.match(ANY_POD_ROW) ?? []).length, 2, running);

    await terminal.keys('?');
    // Help lists the key table: many rows change at once (a clock tick or a pod's age changes a few).
    const help = await terminal.waitFor('the help screen', (screen) => /\bquit\b/i.test(screen) && changedRows(running, screen) >= 5);
    t.regex(help, /\bquit\b/i);

    await terminal.keys('Escape');
    const back = await terminal.waitFor('the Pods pane again', (screen) => (screen.match(RUNNING_POD_ROW) ?? []).length === 2);
    t.regex(back, /\bNAME\b.*\bSTATUS\b/);

    await terminal.keys('q');
    t.is(await terminal.waitForExit(), 0);
  },
);
