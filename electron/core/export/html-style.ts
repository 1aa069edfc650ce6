// The stylesheet of the HTML export, inlined: the file must render with no request at all. Follows the app's
// timeline look (cards per turn, role-coloured messages) in light and dark schemes.

export const HTML_STYLE = `
:root{--bg:#f6f7f9;--card:#fff;--text:#1d2330;--muted:#667085;--line:#e3e6ec;--accent:#3b5bdb;--user:#e8f0ff;--assistant:#f1f8ee;--tool:#fff6e5;--system:#f3f0ff;--code:#f3f4f6;--error:#c92a2a}
@media (prefers-color-scheme:dark){:root{--bg:#14161b;--card:#1c1f26;--text:#e4e6eb;--muted:#98a2b3;--line:#2c313c;--accent:#748ffc;--user:#1d2a44;--assistant:#1c2b22;--tool:#2e2717;--system:#272238;--code:#13151a;--error:#ff8787}}
*{box-sizing:border-box}
body{margin:0;font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:var(--bg);color:var(--text)}
header.top{position:sticky;top:0;z-index:2;display:flex;gap:12px;align-items:center;flex-wrap:wrap;padding:10px 20px;background:var(--card);border-bottom:1px solid var(--line)}
header.top h1{font-size:16px;margin:0}
header.top .meta{color:var(--muted);font-size:12px}
header.top .spacer{flex:1}
button,input{font:inherit;color:inherit;background:var(--bg);border:1px solid var(--line);border-radius:6px;padding:4px 10px}
button{cursor:pointer}button:hover{border-color:var(--accent)}
main{max-width:1100px;margin:0 auto;padding:16px 20px 60px}
nav.index{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:10px 14px;margin-bottom:18px}
nav.index a{color:var(--accent);text-decoration:none}nav.index ul{margin:4px 0;padding-left:18px}
section.session{margin:0 0 28px}
section.session>h2{font-size:18px;margin:0 0 4px}
.session-meta{color:var(--muted);font-size:12px;margin-bottom:10px;display:flex;gap:14px;flex-wrap:wrap}
.linked{font-size:12px;color:var(--accent);margin-bottom:4px}
details.turn{background:var(--card);border:1px solid var(--line);border-radius:10px;margin:8px 0;overflow:hidden}
details.turn>summary{cursor:pointer;list-style:none;display:flex;gap:10px;align-items:center;padding:8px 12px;flex-wrap:wrap}
details.turn>summary::-webkit-details-marker{display:none}
details.turn>summary::before{content:"\\25B8";color:var(--muted);width:10px}
details.turn[open]>summary::before{content:"\\25BE"}
details.turn[open]>summary{border-bottom:1px solid var(--line)}
.n{color:var(--muted);font-variant-numeric:tabular-nums;min-width:2.2em}
.badge{font-size:11px;border-radius:999px;padding:1px 8px;border:1px solid var(--line);text-transform:uppercase;letter-spacing:.04em}
.badge.start{color:#2b8a3e;border-color:#2b8a3e}.badge.retry{color:#e67700;border-color:#e67700}.badge.branch{color:#ae3ec9;border-color:#ae3ec9}.badge.compaction{color:#1098ad;border-color:#1098ad}.badge.error{color:var(--error);border-color:var(--error)}
.model{font-weight:600}.stat{color:var(--muted);font-size:12px;font-variant-numeric:tabular-nums}
.preview{color:var(--muted);flex:1 1 200px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis;min-width:0}
.turn-body{padding:10px 14px 12px}
.msg{border-radius:8px;padding:8px 12px;margin:8px 0;background:var(--user)}
.msg.assistant{background:var(--assistant)}.msg.tool{background:var(--tool)}.msg.system,.msg.developer{background:var(--system)}
.role{font-size:11px;font-weight:700;text-transform:uppercase;letter-spacing:.05em;color:var(--muted);margin-bottom:2px}
.text{white-space:pre-wrap;word-break:break-word}
pre{background:var(--code);border:1px solid var(--line);border-radius:6px;padding:8px 10px;overflow:auto;max-height:480px;font:12px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;white-space:pre-wrap;word-break:break-word;margin:6px 0}
.part-label{font-size:12px;font-weight:600;margin-top:6px}
.skipped{color:var(--muted);font-size:12px;font-style:italic}
.answer-label{font-size:12px;font-weight:700;margin-top:12px;color:var(--muted)}
.err{color:var(--error);font-weight:600}
details.raw{margin-top:10px;border-top:1px dashed var(--line);padding-top:6px}
details.raw>summary{cursor:pointer;color:var(--accent);font-size:12px}
.footer{color:var(--muted);font-size:12px;margin-top:30px}
.hidden{display:none}
`;
