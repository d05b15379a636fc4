/**
 * Label selectors as k8s.io/apimachinery/pkg/labels and metav1.LabelSelector define them: the
 * string syntax (`labels.Parse`), the API object (`LabelSelectorAsSelector`), matching, and the
 * canonical string kubectl prints (SELECTOR columns). Selectors are compiled once; matching a
 * pod's labels is a few property reads.
 */
import type { Operator, Requirement } from './label-requirement.js';
import { INTEGER, aggregate, requirementErrors, requirementToString } from './label-requirement.js';
import { parseRequirements } from './label-selector-parser.js';
import type { ParseResult } from './parse-result.js';
import { parseError, parsed } from './parse-result.js';

/** Re-exported so selector users need one import. */
export type { Operator, Requirement } from './label-requirement.js';
/** Re-exported so selector users need one import. */
export { requirementToString } from './label-requirement.js';

/** Labels of an object (metadata.labels), possibly absent. */
export type Labels = Readonly<Record<string, string>> | undefined;

/** A compiled labels.Selector: requirements ANDed together, sorted by key. */
export interface Selector {
  readonly requirements: readonly Requirement[];
  /** True for `labels.Nothing()` (a nil metav1.LabelSelector): matches no object at all. */
  readonly matchesNothing: boolean;
  /** The compiled matcher; prefer the `matches` function. */
  readonly test: (labels: Labels) => boolean;
}

/** metav1.LabelSelectorRequirement. */
export interface LabelSelectorRequirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | string;
  values?: string[];
}

/** metav1.LabelSelector, the API object (`spec.selector` of workloads). */
export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: LabelSelectorRequirement[];
}


/** `labels.Everything()`: matches every object, prints as "". */
export const everything: Selector = Object.freeze({ requirements: Object.freeze([]), matchesNothing: false, test: () => true });

/** `labels.Nothing()`: matches no object, prints as "". */
export const nothing: Selector = Object.freeze({ requirements: Object.freeze([]), matchesNothing: true, test: () => false });

/** True if the selector matches these labels (`Selector.Matches`). */
export function matches(selector: Selector, labels: Labels): boolean {
  return selector.test(labels);
}

/** True if the selector selects everything (`Selector.Empty`); `nothing` is not empty. */
export function isEmptySelector(selector: Selector): boolean {
  return !selector.matchesNothing && selector.requirements.length === 0;
}

function compileRequirement(r: Requirement): (labels: Labels) => boolean {
  const { key, values } = r;
  switch (r.operator) {
    case 'in':
    case '=':
    case '==': {
      if (values.length === 1) {
        const only = values[0];
        return (l) => l !== undefined && l[key] === only && Object.hasOwn(l, key);
      }
      const set = new Set(values);
      return (l) => {
        const v = l?.[key];
        return typeof v === 'string' && set.has(v) && Object.hasOwn(l!, key);
      };
    }
    case 'notin':
    case '!=': {
      const set = new Set(values);
      return (l) => l === undefined || !Object.hasOwn(l, key) || !set.has(l[key]!);
    }
    case 'exists':
      return (l) => l !== undefined && Object.hasOwn(l, key);
    case '!':
      return (l) => l === undefined || !Object.hasOwn(l, key);
    case 'gt':
    case 'lt': {
      const wanted = values.length === 1 && INTEGER.test(values[0]!) ? BigInt(values[0]!) : undefined;
      const greater = r.operator === 'gt';
      return (l) => {
        if (wanted === undefined || l === undefined || !Object.hasOwn(l, key) || !INTEGER.test(l[key]!)) return false;
        const have = BigInt(l[key]!);
        return greater ? have > wanted : have < wanted;
      };
    }
  }
}

/** Builds a selector from requirements (`internalSelector.Add`): sorts them by key and compiles them. */
export function selectorFromRequirements(requirements: readonly Requirement[]): Selector {
  const sorted = [...requirements].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const tests = sorted.map(compileRequirement);
  let test: (labels: Labels) => boolean;
  if (tests.length === 0) test = () => true;
  else if (tests.length === 1) test = tests[0]!;
  else {
    test = (labels) => {
      for (const t of tests) if (!t(labels)) return false;
      return true;
    };
  }
  return Object.freeze({ requirements: Object.freeze(sorted), matchesNothing: false, test });
}

/** `labels.SelectorFromSet`: every label must be equal; an empty or missing set selects everything. */
export function selectorFromSet(set: Labels | null): Selector {
  if (!set) return everything;
  return selectorFromRequirements(Object.entries(set).map(([key, value]) => ({ key, operator: '=', values: [value] })));
}

/**
 * `labels.Parse`: `k=v`, `k==v`, `k!=v`, `k in (a,b)`, `k notin (a,b)`, `k`, `!k`, `k>1`, `k<1`,
 * comma means AND, whitespace is allowed between tokens. "" selects everything. Errors carry
 * upstream's text, e.g. `unable to parse requirement: <nil>: Invalid value: "a b": …`.
 */
export function parseSelector(selector: string): ParseResult<Selector> {
  const requirements = parseRequirements(selector);
  return requirements.ok ? parsed(selectorFromRequirements(requirements.value)) : requirements;
}

const EXPRESSION_OPERATORS: Record<string, Operator> = { In: 'in', NotIn: 'notin', Exists: 'exists', DoesNotExist: '!' };

/**
 * `metav1.LabelSelectorAsSelector`: null/undefined gives `nothing` (selects no object), an empty
 * selector `{}` gives `everything`; otherwise matchLabels and matchExpressions ANDed.
 */
export function labelSelectorAsSelector(ls: LabelSelector | null | undefined): ParseResult<Selector> {
  if (ls === null || ls === undefined) return parsed(nothing);
  const matchLabels = Object.entries(ls.matchLabels ?? {});
  const expressions = ls.matchExpressions ?? [];
  if (matchLabels.length + expressions.length === 0) return parsed(everything);
  const requirements: Requirement[] = [];
  for (const [key, value] of matchLabels) {
    const errs = requirementErrors(key, '=', [value]);
    if (errs.length > 0) return parseError(aggregate(errs));
    requirements.push({ key, operator: '=', values: [value] });
  }
  for (const expr of expressions) {
    const operator = EXPRESSION_OPERATORS[expr.operator];
    if (operator === undefined) return parseError(`${JSON.stringify(expr.operator)} is not a valid label selector operator`);
    const values = expr.values && expr.values.length > 0 ? [...expr.values] : null;
    const errs = requirementErrors(expr.key, operator, values);
    if (errs.length > 0) return parseError(aggregate(errs));
    requirements.push({ key: expr.key, operator, values: values ?? [] });
  }
  return parsed(selectorFromRequirements(requirements));
}

/** `Selector.String()`: the canonical form, requirements sorted by key and joined by ","; "" for everything and nothing. */
export function selectorToString(selector: Selector): string {
  return selector.requirements.map(requirementToString).join(',');
}

/** `metav1.FormatLabelSelector`, what kubectl prints in SELECTOR columns: `<none>` when empty, `<error>` when invalid. */
export function formatLabelSelector(ls: LabelSelector | null | undefined): string {
  const result = labelSelectorAsSelector(ls);
  if (!result.ok) return '<error>';
  const text = selectorToString(result.value);
  return text === '' ? '<none>' : text;
}

/** `labels.FormatLabels`: `k=v,…` sorted by key, or `<none>` (e.g. a Service's selector, `--show-labels`). */
export function formatLabels(labels: Labels | null): string {
  const keys = Object.keys(labels ?? {}).sort();
  const text = keys.map((k) => `${k}=${labels![k]}`).join(',');
  return text === '' ? '<none>' : text;
}
