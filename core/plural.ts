// Counts in sentences ("1 resource", "2 resources"): one helper for the CLI, Slack and the dashboard.

/**
 * `n` and the noun in the number it takes.
 * @example plural(1, "resource") === "1 resource"; plural(2, "policy", "policies") === "2 policies"
 */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
