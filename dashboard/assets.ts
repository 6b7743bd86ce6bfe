// The dashboard's one stylesheet, kept in a module so the compiled package carries it (the build
// copies only compiled TypeScript) and served by the area itself: no CDN, works offline.
import { createHash } from "node:crypto";

export const STYLE_CSS = `
:root{--bg:#f6f7f9;--fg:#1c2430;--muted:#5d6b7c;--card:#fff;--line:#d9dee5;--accent:#1f5fbf;
--good:#1e7b34;--good-bg:#e3f4e6;--bad:#b42318;--bad-bg:#fde8e6;--wait:#8a5a00;--wait-bg:#fff3d6;--busy:#1f5fbf;--busy-bg:#e4edfb;--neutral-bg:#eceff3}
@media (prefers-color-scheme:dark){:root{--bg:#12161c;--fg:#e6eaf0;--muted:#98a4b3;--card:#1b2129;--line:#2d3541;--accent:#7aa7ff;
--good:#6fd08a;--good-bg:#173323;--bad:#ff8a80;--bad-bg:#3a1d1b;--wait:#f2c46b;--wait-bg:#3a2e14;--busy:#7aa7ff;--busy-bg:#1b2a44;--neutral-bg:#27303b}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
a{color:var(--accent)}
.top{display:flex;gap:1.5rem;align-items:center;padding:.6rem 1.5rem;background:var(--card);border-bottom:1px solid var(--line)}
.brand{font-weight:700;text-decoration:none;color:var(--fg);letter-spacing:.02em}
nav{display:flex;gap:1rem;flex:1;flex-wrap:wrap}
nav a{text-decoration:none;color:var(--muted);padding:.2rem 0}
nav a[aria-current=page]{color:var(--fg);border-bottom:2px solid var(--accent)}
.who{display:flex;gap:.5rem;align-items:center;color:var(--muted)}
main{max-width:1440px;margin:0 auto;padding:1.2rem 1.5rem 3rem}
h1{font-size:1.4rem;margin:.2rem 0 1rem;overflow-wrap:anywhere}h2{font-size:1.1rem;margin:1.6rem 0 .6rem}
section.card,.card{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:1rem 1.2rem;margin:0 0 1rem}
.card>h2:first-child{margin-top:0}
table{width:100%;border-collapse:collapse;background:var(--card);table-layout:fixed}
th,td{text-align:left;padding:.4rem .6rem;border-bottom:1px solid var(--line);vertical-align:top;overflow-wrap:anywhere}
th.c-num{width:4.2rem}th.c-sev{width:5.8rem}th.c-status{width:6.8rem}th.c-state{width:10rem}th.c-mode{width:6.5rem}th.c-when{width:7.6rem}
th.c-run{width:12rem}th.c-who{width:10rem}th.c-rule{width:11rem}th.c-chart{width:9rem}th.c-version{width:7rem}
td.num{font-variant-numeric:tabular-nums}
.id{white-space:nowrap}
select{max-width:22rem}
.sev{font-size:.85rem;font-weight:600}.sev-critical,.sev-high{color:var(--bad)}.sev-medium{color:var(--wait)}.sev-low{color:var(--muted)}
th{font-weight:600;color:var(--muted);font-size:.85rem}
tr.now-good td{background:var(--good-bg)}
.badge{display:inline-block;padding:0 .45rem;border-radius:999px;font-size:.8rem;font-weight:600;background:var(--neutral-bg);white-space:nowrap;max-width:100%;overflow:hidden;text-overflow:ellipsis;vertical-align:top}
.badge.good{color:var(--good);background:var(--good-bg)}.badge.bad{color:var(--bad);background:var(--bad-bg)}
.badge.wait{color:var(--wait);background:var(--wait-bg)}.badge.busy{color:var(--busy);background:var(--busy-bg)}
.muted{color:var(--muted)}.small{font-size:.85rem}.mono,code,pre{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.85rem}
pre{white-space:pre-wrap;overflow-wrap:anywhere;margin:.3rem 0}
pre.json{background:var(--bg);border:1px solid var(--line);border-radius:6px;padding:.5rem;max-height:20rem;max-width:100%;overflow:auto}
.explain{white-space:pre-wrap}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(14rem,1fr));gap:1rem}
.stat{font-size:1.6rem;font-weight:700}
.counts-bar{width:100%;height:.7rem;display:block;border-radius:4px}
.bar-pass{fill:var(--good)}.bar-fail{fill:var(--bad)}.bar-error{fill:#d97706}.bar-skip{fill:#8795a8}.bar-none{fill:var(--line)}
.chart{width:100%;height:auto;max-height:260px}
.chart .drift{fill:var(--bad)}.chart .fixed{fill:var(--good)}.chart .axis{stroke:var(--muted)}.chart .tick{stroke:var(--line);stroke-dasharray:2 3}
.chart text{fill:var(--muted);font-size:10px}
.legend{display:flex;gap:1rem;font-size:.85rem;color:var(--muted)}
.legend .key{display:inline-block;width:.7rem;height:.7rem;border-radius:2px;margin-right:.3rem;vertical-align:middle}
.key.drift{background:var(--bad)}.key.fixed{background:var(--good)}
form.filters{display:flex;gap:.8rem;flex-wrap:wrap;align-items:end;margin:0 0 1rem}
label{display:flex;flex-direction:column;gap:.2rem;font-size:.85rem;color:var(--muted)}
label.check{flex-direction:row;align-items:center;gap:.4rem;color:var(--fg)}
input,select,textarea,button{font:inherit;padding:.35rem .5rem;border:1px solid var(--line);border-radius:6px;background:var(--card);color:var(--fg)}
textarea{width:100%;min-height:5rem}
button{cursor:pointer;background:var(--accent);color:#fff;border-color:var(--accent)}
button.secondary{background:var(--card);color:var(--fg);border-color:var(--line)}
button.approve{background:var(--good);border-color:var(--good)}button.reject{background:var(--bad);border-color:var(--bad)}
button.link{background:none;border:none;color:var(--accent);padding:0}
form.inline{display:inline}
.decision{display:flex;gap:1rem;flex-wrap:wrap;align-items:end}
.banner{border-left:4px solid var(--wait);background:var(--wait-bg);padding:.6rem 1rem;border-radius:4px;margin:0 0 1rem}
.banner.good{border-color:var(--good);background:var(--good-bg)}.banner.bad{border-color:var(--bad);background:var(--bad-bg)}
.pager{display:flex;gap:1rem;align-items:center;margin:.8rem 0}
.error-page{max-width:40rem}
ul.changes{margin:.3rem 0;padding-left:1.2rem}
details>summary{cursor:pointer;color:var(--accent)}
`;

const version = createHash("sha256").update(STYLE_CSS).digest("hex").slice(0, 12);

/** Versioned by content, so browsers may keep it forever and still see a new one after an upgrade. */
export const STYLE_PATH = `/assets/dashboard.css?v=${version}`;
export const STYLE_ROUTE = "/assets/dashboard.css";
