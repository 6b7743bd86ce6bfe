// The page shell: head, navigation by role, who is signed in, and the sign-out form.
import { roleAllows } from "../../api/auth.js";
import { html, type Html, type Renderable } from "../html.js";
import type { Session } from "../session.js";
import { STYLE_PATH } from "../assets.js";
import { csrfField } from "./format.js";

export interface LayoutInput {
  title: string;
  session: Session | null;
  /** Which nav entry is current. */
  section?: "overview" | "findings" | "policies" | "audit" | "intents" | "queues" | "login" | "none";
  body: Renderable;
  /** Reload every N seconds (a run or job still working); no script needed. */
  refreshSeconds?: number;
}

function nav(session: Session | null, section: LayoutInput["section"]): Html {
  if (!session) return html``;
  const role = session.caller.role;
  const item = (key: LayoutInput["section"], url: string, text: string) =>
    html`<a href="${url}"${key === section ? html` aria-current="page"` : ""}>${text}</a>`;
  return html`<nav aria-label="main">
    ${item("overview", "/", "Overview")}
    ${item("findings", "/findings", "Findings")}
    ${item("policies", "/policies", "Policies")}
    ${item("audit", "/audit", "Audit log")}
    ${roleAllows(role, "author") && item("intents", "/intents/new", "New intent")}
    ${roleAllows(role, "approver") && item("queues", "/admin/queues", "Queues")}
  </nav>`;
}

function who(session: Session | null): Html {
  if (!session) return html`<div class="who"><a href="/login">Sign in</a></div>`;
  const { caller } = session;
  return html`<div class="who">
    <span title="${caller.actor}">${caller.name}</span> <span class="badge neutral">${caller.role}</span>
    ${session.source === "cookie" && html`<form method="post" action="/logout" class="inline">${csrfField(session.csrf)}<button type="submit" class="link">Sign out</button></form>`}
  </div>`;
}

export function layout(input: LayoutInput): Html {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
${input.refreshSeconds ? html`<meta http-equiv="refresh" content="${input.refreshSeconds}">` : ""}
<title>${input.title} · agpm</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${STYLE_PATH}">
</head>
<body>
<header class="top">
  <a class="brand" href="/">agpm</a>
  ${nav(input.session, input.section)}
  ${who(input.session)}
</header>
<main>
${input.body}
</main>
</body>
</html>
`;
}

/** A page that says what went wrong and what to do, with the request id to quote. */
export function errorPage(input: { status: number; title: string; message: string; requestId: string; session: Session | null; issues?: ReadonlyArray<{ path: string; message: string }> }): Html {
  return layout({
    title: input.title,
    session: input.session,
    section: "none",
    body: html`<section class="error-page">
      <h1>${input.status} · ${input.title}</h1>
      <p>${input.message}</p>
      ${input.issues && input.issues.length > 1 && html`<ul>${input.issues.map((i) => html`<li><code>${i.path}</code>: ${i.message}</li>`)}</ul>`}
      <p class="muted small">Request ${input.requestId}</p>
      <p><a href="/">Back to the overview</a></p>
    </section>`,
  });
}
