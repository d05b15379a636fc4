/**
 * What RunScorePlugins hands back: the weighted totals and each plugin's normalised scores, in
 * lists the framework reuses from cycle to cycle, and the names and weights of the plugins that
 * scored — one frozen list per combination of plugins, so a diagnosis can keep it without a copy.
 */
import type { WeightedScorePlugin } from './framework.js';

/** One plugin's scores for the nodes scored (normalised, before weighting). */
export interface PluginScores {
  readonly plugin: string;
  readonly weight: number;
  readonly scores: readonly number[];
}

/** A score plugin's name and weight. */
export interface PluginWeight {
  readonly plugin: string;
  readonly weight: number;
}

/** What RunScorePlugins produced (reused by the next call, but for `plugins`, which is shared and immutable). */
export interface ScoreOutcome {
  /** Weighted totals per node. */
  readonly totals: readonly number[];
  /** The plugins that scored, each with its normalised scores. */
  readonly perPlugin: readonly PluginScores[];
  /** The plugins that scored and their weights (frozen, safe to keep). */
  readonly plugins: readonly PluginWeight[];
}

/** The score plugins that ran in a cycle: their score lists and (frozen) names and weights. */
interface ScoreLayout {
  readonly perPlugin: readonly PluginScores[];
  readonly plugins: readonly PluginWeight[];
}

/** The layouts of one profile, by the set of score plugins that ran (bit i: score plugin i). */
export class ScoreLayouts {
  private readonly layouts = new Map<number, ScoreLayout>();

  constructor(
    private readonly scorers: readonly WeightedScorePlugin[],
    /** The framework's score list per plugin index (created here when missing). */
    private readonly buffers: number[][],
  ) {}

  /** The layout of the plugins in `ran`, built on first use. */
  get(ran: number): ScoreLayout {
    let layout = this.layouts.get(ran);
    if (layout !== undefined) return layout;
    const perPlugin: PluginScores[] = [];
    const plugins: PluginWeight[] = [];
    for (let i = 0; i < this.scorers.length; i++) {
      if (Math.floor(ran / 2 ** i) % 2 === 0) continue;
      const { plugin, weight } = this.scorers[i]!;
      perPlugin.push({ plugin: plugin.name, weight, scores: (this.buffers[i] ??= []) });
      plugins.push(Object.freeze({ plugin: plugin.name, weight }));
    }
    layout = { perPlugin, plugins: Object.freeze(plugins) };
    this.layouts.set(ran, layout);
    return layout;
  }
}
