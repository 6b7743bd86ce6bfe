// HTML built from tagged templates: every interpolated value is escaped unless it is already
// markup made here, so page code cannot forget to escape what a user or a policy wrote.

/** Markup that is already safe to emit (built by {@link html}, never from outside text). */
export class Html {
  readonly #text: string;
  private constructor(text: string) {
    this.#text = text;
  }
  /** Only for this module and for fixed markup known at build time (the stylesheet link, the doctype). */
  static trusted(text: string): Html {
    return new Html(text);
  }
  toString(): string {
    return this.#text;
  }
}

/** What a template accepts: markup, text (escaped), numbers, and nothing (false, null, undefined render empty). */
export type Renderable = Html | string | number | boolean | null | undefined | readonly Renderable[];

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;", "`": "&#96;" };

/** Escapes text for element content and quoted attribute values alike. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`]/g, (c) => ESCAPES[c] ?? c);
}

function render(value: Renderable): string {
  if (value instanceof Html) return value.toString();
  if (Array.isArray(value)) return value.map(render).join("");
  if (value === null || value === undefined || value === false || value === true) return "";
  return escapeHtml(String(value));
}

/**
 * Builds markup; interpolated values are escaped, arrays are concatenated, false/null/undefined vanish.
 * Attribute values must be quoted in the template (`href="${url}"`).
 * @example html`<p title="${note}">${count} ${items.map((i) => html`<b>${i}</b>`)}</p>`
 */
export function html(strings: TemplateStringsArray, ...values: Renderable[]): Html {
  let out = strings[0] ?? "";
  for (let i = 0; i < values.length; i++) out += render(values[i]) + (strings[i + 1] ?? "");
  return Html.trusted(out);
}

/** Joins pieces of markup with a separator (escaped when it is text). */
export function join(items: readonly Renderable[], separator: Renderable = ""): Html {
  return Html.trusted(items.map(render).join(render(separator)));
}

/**
 * A path inside the dashboard with its query: every segment and value is percent-encoded, empty
 * values are left out, so links built from ids and filters cannot break out of the attribute or path.
 * @example href("/runs", ["run_1"], { tab: "plan" }) // "/runs/run_1?tab=plan"
 */
export function href(path: string, segments: readonly string[] = [], query: Record<string, string | number | undefined | null> = {}): string {
  const base = [path.replace(/\/$/, ""), ...segments.map(encodeURIComponent)].join("/") || "/";
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== null && value !== "") params.set(key, String(value));
  const qs = params.toString();
  return qs ? `${base}?${qs}` : base;
}
