// The script of the HTML export: plain browser JavaScript, inlined, no dependencies. It reads the sessions from the
// JSON script blocks the writer streamed into the file and builds the timeline with DOM calls (textContent only, so
// captured content can never become markup). A turn's messages and raw bodies are built when it is first opened,
// so a file with thousands of turns opens quickly.
//
// Hook for the flow view (issue 7): when a later build inlines a renderer as `window.threadtapRenderFlow`, it is
// called with a container and the sessions; nothing here depends on it.

export const HTML_RUNTIME = String.raw`
(function () {
  'use strict';
  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function readJson(node) { try { return JSON.parse(node.textContent); } catch (e) { return null; } }
  var sessions = [];
  // Sessions and turns were streamed into the file as separate blocks, each turn after its session.
  document.querySelectorAll('script.tt-session, script.tt-turn').forEach(function (node) {
    var value = readJson(node);
    if (!value) return;
    if (node.classList.contains('tt-session')) { value.turns = []; sessions.push(value); }
    else if (sessions.length) sessions[sessions.length - 1].turns.push(value);
  });
  var meta = readJson(document.getElementById('tt-meta')) || {};
  window.threadtapExport = { sessions: sessions, meta: meta };

  function tokens(u) {
    u = u || {};
    var parts = [(u.inputTokens || 0) + ' in', (u.outputTokens || 0) + ' out'];
    if (u.cacheReadTokens) parts.push(u.cacheReadTokens + ' cached');
    return parts.join(' / ');
  }
  function calls(n) { return n + (n === 1 ? ' call' : ' calls'); }
  function usd(v) { return '$' + (v < 0.01 ? v.toFixed(4) : v.toFixed(2)); }
  function secs(ms) { return ms === null || ms === undefined ? '' : ms < 1000 ? ms + ' ms' : (ms / 1000).toFixed(1) + ' s'; }
  function pretty(v) { return typeof v === 'string' ? v : JSON.stringify(v, null, 2); }
  function firstText(messages) {
    // The preview is what the person or the tool said, not the system prompt repeated on a first turn.
    var said = (messages || []).filter(function (m) { return m.role !== 'system' && m.role !== 'developer'; });
    if (!said.length) said = messages || [];
    for (var i = 0; i < said.length; i++) {
      var parts = said[i].parts || [];
      for (var j = 0; j < parts.length; j++) {
        var p = parts[j];
        if (p.type === 'text' && p.text.trim()) return p.text.trim().replace(/\s+/g, ' ').slice(0, 160);
        if (p.type === 'tool-call') return 'tool call ' + p.name;
        if (p.type === 'tool-result') return 'tool result';
      }
    }
    return '';
  }

  function renderPart(part) {
    var box = el('div', 'part');
    switch (part.type) {
      case 'text': box.appendChild(el('div', 'text', part.text)); break;
      case 'tool-call':
        box.appendChild(el('div', 'part-label', 'Tool call: ' + part.name + (part.id ? ' (' + part.id + ')' : '')));
        box.appendChild(el('pre', '', pretty(part.arguments))); break;
      case 'tool-result':
        box.appendChild(el('div', 'part-label', 'Tool result' + (part.name ? ': ' + part.name : '') + (part.toolCallId ? ' (' + part.toolCallId + ')' : '') + (part.isError ? ' (error)' : '')));
        box.appendChild(el('pre', '', (part.content || []).map(function (c) { return c.type === 'text' ? c.text : pretty(c); }).join('\n'))); break;
      case 'thinking':
        var d = el('details'); d.appendChild(el('summary', 'part-label', 'Thinking'));
        d.appendChild(el('div', 'text', part.text || (part.encrypted ? '(encrypted)' : ''))); box.appendChild(d); break;
      case 'image': box.appendChild(el('div', 'skipped', '(image ' + (part.mediaType || '') + (part.dataBytes ? ', ' + part.dataBytes + ' bytes' : '') + ')')); break;
      default:
        box.appendChild(el('div', 'part-label', part.kind || part.type));
        box.appendChild(el('pre', '', pretty(part.raw)));
    }
    return box;
  }
  function renderMessage(m) {
    var box = el('div', 'msg ' + m.role);
    box.appendChild(el('div', 'role', m.role + (m.name ? ' (' + m.name + ')' : '')));
    (m.parts || []).forEach(function (p) { box.appendChild(renderPart(p)); });
    return box;
  }
  function rawBlock(label, http) {
    var d = el('details', 'raw');
    d.appendChild(el('summary', '', label));
    d.addEventListener('toggle', function () {
      if (!d.open || d.dataset.built) return;
      d.dataset.built = '1';
      var head = Object.keys(http.headers || {}).map(function (k) { return k + ': ' + http.headers[k]; }).join('\n');
      d.appendChild(el('pre', 'raw-head', http.line + (head ? '\n' + head : '')));
      if (http.body !== null && http.body !== undefined && http.body !== '') d.appendChild(el('pre', 'raw-body', http.body));
    });
    return d;
  }
  function renderTurnBody(t, body) {
    if (t.error) body.appendChild(el('div', 'err', 'Error: ' + t.error.message));
    if (t.responseError) body.appendChild(el('div', 'err', 'Provider error: ' + t.responseError.message));
    if (t.kind === 'retry') body.appendChild(el('div', 'skipped', 'Retry of the previous request: nothing new was sent.'));
    else if (t.newFrom > 0) body.appendChild(el('div', 'skipped', t.newFrom + ' earlier message' + (t.newFrom === 1 ? '' : 's') + ' of the history not repeated'));
    (t.newMessages || []).forEach(function (m) { body.appendChild(renderMessage(m)); });
    if ((t.outputs || []).length) {
      body.appendChild(el('div', 'answer-label', 'Answer' + (t.rawStopReason ? ' (stop: ' + t.rawStopReason + ')' : '')));
      t.outputs.forEach(function (m) { body.appendChild(renderMessage(m)); });
    }
    body.appendChild(rawBlock('Raw request', t.request));
    if (t.response) body.appendChild(rawBlock('Raw response', t.response));
  }
  function renderTurn(t, i, open) {
    var d = el('details', 'turn');
    d.id = 'turn-' + t.id;
    var s = el('summary');
    s.appendChild(el('span', 'n', '#' + (i + 1)));
    s.appendChild(el('span', 'badge ' + t.kind + (t.failed ? ' error' : ''), t.kind));
    s.appendChild(el('span', 'model', t.model || t.endpoint));
    s.appendChild(el('span', 'preview', firstText(t.newMessages) || firstText(t.outputs)));
    s.appendChild(el('span', 'stat', t.status ? 'HTTP ' + t.status : t.state));
    s.appendChild(el('span', 'stat', secs(t.durationMs)));
    s.appendChild(el('span', 'stat', tokens(t.usage)));
    if (t.cost) s.appendChild(el('span', 'stat', usd(t.cost.usd)));
    d.appendChild(s);
    var body = el('div', 'turn-body');
    d.appendChild(body);
    function build() { if (!body.dataset.built) { body.dataset.built = '1'; renderTurnBody(t, body); } }
    d.addEventListener('toggle', function () { if (d.open) build(); });
    if (open) { d.open = true; build(); }
    return d;
  }

  var app = document.getElementById('app');
  app.textContent = '';
  var total = sessions.reduce(function (n, s) { return n + s.turns.length; }, 0);
  var openAll = total <= 200;
  var ids = {};
  sessions.forEach(function (s) { ids[s.header.id] = s; });
  if (sessions.length > 1) {
    var nav = el('nav', 'index');
    nav.appendChild(el('strong', '', 'Sessions'));
    // Linked sessions (sub-agents, side calls, continuations) listed under the session they hang off.
    var children = {};
    var roots = [];
    sessions.forEach(function (s) {
      var p = s.header.parentSessionId;
      if (p && ids[p] && p !== s.header.id) (children[p] = children[p] || []).push(s); else roots.push(s);
    });
    var listed = {};
    function item(s) {
      listed[s.header.id] = true;
      var li = el('li');
      var a = el('a', '', s.header.title);
      a.href = '#session-' + s.header.id;
      li.appendChild(a);
      li.appendChild(el('span', 'stat', '  ' + calls(s.turns.length) + (s.header.relation ? ' · ' + s.header.relation : '')));
      var kids = (children[s.header.id] || []).filter(function (k) { return !listed[k.header.id]; });
      if (kids.length) { var sub = el('ul'); kids.forEach(function (k) { sub.appendChild(item(k)); }); li.appendChild(sub); }
      return li;
    }
    var ul = el('ul');
    roots.forEach(function (s) { ul.appendChild(item(s)); });
    sessions.forEach(function (s) { if (!listed[s.header.id]) ul.appendChild(item(s)); });
    nav.appendChild(ul);
    app.appendChild(nav);
  }
  var flowSlot = el('section', 'flow');
  flowSlot.id = 'tt-flow';
  app.appendChild(flowSlot);
  if (typeof window.threadtapRenderFlow === 'function') { try { window.threadtapRenderFlow(flowSlot, sessions); } catch (e) { flowSlot.textContent = ''; } }
  sessions.forEach(function (s) {
    var h = s.header;
    var sec = el('section', 'session');
    sec.id = 'session-' + h.id;
    if (h.parentSessionId) {
      var link = el('a', 'linked', (h.relation || 'linked') + ' of ' + (ids[h.parentSessionId] ? ids[h.parentSessionId].header.title : h.parentSessionId));
      if (ids[h.parentSessionId]) link.href = '#session-' + h.parentSessionId;
      sec.appendChild(link);
    }
    sec.appendChild(el('h2', '', h.title));
    var m = el('div', 'session-meta');
    [h.id, h.startedAt.replace('T', ' ').slice(0, 19) + ' UTC', calls(s.turns.length), (h.models || []).join(', '), tokens(h.usage) + ' tokens', s.costUsd !== null ? usd(s.costUsd) : 'cost unknown'].forEach(function (x) { m.appendChild(el('span', '', x)); });
    sec.appendChild(m);
    s.turns.forEach(function (t, i) { sec.appendChild(renderTurn(t, i, openAll)); });
    app.appendChild(sec);
  });
  var foot = el('div', 'footer', 'Redaction ' + (meta.redaction && meta.redaction.content ? 'on' : 'credentials only') + ': ' + (Object.keys((meta.redaction || {}).replaced || {}).map(function (k) { return k + ' ' + meta.redaction.replaced[k]; }).join(', ') || 'nothing matched'));
  app.appendChild(foot);

  function setAll(open) { document.querySelectorAll('details.turn').forEach(function (d) { d.open = open; }); }
  document.getElementById('expand').addEventListener('click', function () { setAll(true); });
  document.getElementById('collapse').addEventListener('click', function () { setAll(false); });
  document.getElementById('filter').addEventListener('input', function (e) {
    var q = e.target.value.toLowerCase();
    document.querySelectorAll('details.turn').forEach(function (d) {
      d.classList.toggle('hidden', !!q && d.textContent.toLowerCase().indexOf(q) < 0 && d.querySelector('.preview').textContent.toLowerCase().indexOf(q) < 0);
    });
  });
  document.body.setAttribute('data-rendered', String(total));
})();
`;
