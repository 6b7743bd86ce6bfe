// The two forms: submitting an intent, and signing in with an API token.
import { html, type Html } from "../html.js";
import type { Session } from "../session.js";
import { csrfField } from "./format.js";
import { layout } from "./layout.js";

export interface IntentFormValues {
  intent: string;
  command: "run" | "check";
  apply: boolean;
  maxChanges: string;
}

export const EMPTY_INTENT: IntentFormValues = { intent: "", command: "run", apply: false, maxChanges: "" };

export function intentFormPage(session: Session, values: IntentFormValues, errors: string[] = []): Html {
  const option = (value: IntentFormValues["command"], text: string) =>
    html`<option value="${value}"${values.command === value ? html` selected` : ""}>${text}</option>`;
  return layout({
    title: "New intent",
    session,
    section: "intents",
    body: html`<h1>New intent</h1>
      ${errors.length > 0 && html`<div class="banner bad" role="alert"><ul>${errors.map((e) => html`<li>${e}</li>`)}</ul></div>`}
      <form method="post" action="/intents" class="card" id="intent-form">
        ${csrfField(session.csrf)}
        <label>What must be true, in plain words
          <textarea name="intent" required minlength="3" maxlength="2000" placeholder="Ensure all S3 buckets are private and encrypted.">${values.intent}</textarea></label>
        <div class="filters">
          <label>Command<select name="command">${option("run", "run: publish the policy and plan (or fix)")}${option("check", "check: evaluate only, change nothing")}</select></label>
          <label class="check"><input type="checkbox" name="apply" value="true"${values.apply ? html` checked` : ""}> Apply the fixes (otherwise a dry run)</label>
          <label>Pause for approval above this many changes<input type="number" name="maxChanges" min="0" max="100000" value="${values.maxChanges}" placeholder="worker default"></label>
        </div>
        <p class="small muted">Runs on the server's account as ${session.caller.actor}; enforcement above the limit waits for an approver.</p>
        <button type="submit">Submit</button>
      </form>`,
  });
}

export function loginPage(input: { next: string; error: string | null; session: Session | null }): Html {
  return layout({
    title: "Sign in",
    session: input.session,
    section: "login",
    body: html`<h1>Sign in</h1>
      ${input.error && html`<div class="banner bad" role="alert">${input.error}</div>`}
      ${input.session && html`<p>Signed in as ${input.session.caller.actor} (${input.session.caller.role}). Sign in again to use another token.</p>`}
      <form method="post" action="/login" class="card" id="login-form">
        <input type="hidden" name="next" value="${input.next}">
        <label>API token<input type="password" name="token" required autocomplete="off" spellcheck="false" size="60" placeholder="agpm_…"></label>
        <p class="small muted">Create one with <code>agpm token create --role viewer|author|approver</code>. It is kept in an HttpOnly cookie for this browser only.</p>
        <button type="submit">Sign in</button>
      </form>`,
  });
}
