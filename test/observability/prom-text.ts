// Test helper: reads one sample's value out of Prometheus text exposition, matching labels exactly.
export function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const wanted = Object.entries(labels).sort(([a], [b]) => a.localeCompare(b));
  for (const line of text.split("\n")) {
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const got = [...(m[2] ?? "").matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)]
      .map((p): [string, string] => [p[1]!, p[2]!])
      .sort(([a], [b]) => a.localeCompare(b));
    if (JSON.stringify(got) === JSON.stringify(wanted)) return Number(m[3]);
  }
  return undefined;
}
