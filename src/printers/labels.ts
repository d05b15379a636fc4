/**
 * Label maps and label selectors as the printers show them (k8s.io/apimachinery labels.FormatLabels,
 * metav1.FormatLabelSelector and labels.Selector.String()).
 */

/** metav1.LabelSelectorRequirement. */
export interface LabelSelectorRequirement {
  key: string;
  operator: string;
  values?: string[];
}

/** metav1.LabelSelector. */
export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: LabelSelectorRequirement[];
}

/** Go's sort.Strings order (byte-wise; the same as UTF-16 order for the ASCII names labels use). */
function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** labels.Set.String(): `k=v` pairs sorted by key and comma-joined; '' for no labels. */
export function labelsString(labels: Readonly<Record<string, string>> | undefined): string {
  if (labels === undefined) return '';
  return Object.keys(labels)
    .sort(byteOrder)
    .map((key) => `${key}=${labels[key] ?? ''}`)
    .join(',');
}

/** labels.FormatLabels: like {@link labelsString}, but `<none>` for no labels. */
export function formatLabels(labels: Readonly<Record<string, string>> | undefined): string {
  const text = labelsString(labels);
  return text === '' ? '<none>' : text;
}

const operatorWords: Readonly<Record<string, string>> = { In: ' in ', NotIn: ' notin ' };

/** One requirement as labels.Requirement.String() writes it (set values sorted). */
function requirementString(key: string, operator: string, values: readonly string[]): string {
  switch (operator) {
    case 'Equals':
      return `${key}=${values[0] ?? ''}`;
    case 'Exists':
      return key;
    case 'DoesNotExist':
      return `!${key}`;
    default:
      return `${key}${operatorWords[operator] ?? ''}(${[...values].sort(byteOrder).join(',')})`;
  }
}

/**
 * metav1.LabelSelectorAsSelector(...).String(): requirements sorted by key, comma-joined; '' for a
 * nil or empty selector; `undefined` when an operator is not In/NotIn/Exists/DoesNotExist (an error
 * upstream).
 */
export function labelSelectorString(selector: LabelSelector | undefined): string | undefined {
  if (selector === undefined) return '';
  const requirements: { key: string; text: string }[] = [];
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    requirements.push({ key, text: requirementString(key, 'Equals', [value]) });
  }
  for (const expression of selector.matchExpressions ?? []) {
    if (!['In', 'NotIn', 'Exists', 'DoesNotExist'].includes(expression.operator)) return undefined;
    requirements.push({
      key: expression.key,
      text: requirementString(expression.key, expression.operator, expression.values ?? []),
    });
  }
  return requirements
    .sort((a, b) => byteOrder(a.key, b.key))
    .map((r) => r.text)
    .join(',');
}

/** metav1.FormatLabelSelector: the selector string, `<none>` when empty, `<error>` when invalid. */
export function formatLabelSelector(selector: LabelSelector | undefined): string {
  const text = labelSelectorString(selector);
  if (text === undefined) return '<error>';
  return text === '' ? '<none>' : text;
}
