// warp2api dashboard: polls the admin routes every two seconds and redraws in place.
// Everything shown is set as text (never parsed as HTML); the CSRF token goes on every request.
'use strict';

(function () {
  const POLL_MS = 2000;
  const SVG = 'http://www.w3.org/2000/svg';
  const csrfMeta = document.querySelector('meta[name="w2a-csrf"]');
  const csrf = csrfMeta ? csrfMeta.getAttribute('content') : '';
  let stopped = false;
  let timer = null;

  // ---- small helpers ----

  function $(id) {
    return document.getElementById(id);
  }

  function el(tag, attrs, children) {
    const node = document.createElement(tag);
    if (attrs) {
      for (const [k, v] of Object.entries(attrs)) {
        if (v !== null && v !== undefined) {
          node.setAttribute(k, v);
        }
      }
    }
    for (const child of children || []) {
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function svg(tag, attrs) {
    const node = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      node.setAttribute(k, String(v));
    }
    return node;
  }

  function cell(label, content, cls) {
    return el('td', { 'data-label': label, class: cls || null }, [content === null || content === undefined ? '' : content]);
  }

  function emptyRow(tbody, columns, text) {
    tbody.replaceChildren(el('tr', null, [el('td', { colspan: columns, class: 'empty' }, [text])]));
  }

  function time(iso) {
    if (!iso) {
      return '';
    }
    const d = new Date(iso);
    if (isNaN(d.getTime())) {
      return String(iso);
    }
    const today = new Date().toISOString().slice(0, 10);
    const text = d.toISOString();
    return (text.slice(0, 10) === today ? '' : text.slice(0, 10) + ' ') + text.slice(11, 19) + ' UTC';
  }

  function number(n) {
    return n === null || n === undefined ? '' : Number(n).toLocaleString('en-US');
  }

  function message(id, text, isError) {
    const p = $(id);
    p.textContent = text || '';
    p.classList.toggle('error', Boolean(isError));
  }

  class HttpError extends Error {
    constructor(status, text) {
      super(text);
      this.status = status;
    }
  }

  async function api(method, path, body) {
    const headers = { accept: 'application/json', 'x-csrf-token': csrf };
    const init = { method, headers, credentials: 'same-origin', cache: 'no-store' };
    if (body !== undefined) {
      headers['content-type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    const response = await fetch(path, init);
    const text = await response.text();
    let json = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch (e) {
      json = null;
    }
    if (!response.ok) {
      const why = json && json.error && json.error.message ? json.error.message : 'HTTP ' + response.status;
      if (response.status === 401 || (response.status === 403 && method === 'GET')) {
        sessionEnded();
      }
      throw new HttpError(response.status, why);
    }
    return json;
  }

  function sessionEnded() {
    stopped = true;
    const banner = $('banner');
    banner.replaceChildren('The session has ended. ', el('a', { href: '/dashboard' }, ['Log in again']), '.');
    banner.hidden = false;
    live(false, 'stopped');
  }

  function live(ok, text) {
    const node = $('live');
    node.textContent = text;
    node.classList.toggle('ok', ok);
    node.classList.toggle('stale', !ok);
  }

  // ---- pool ----

  function quotaBar(quota) {
    if (!quota) {
      return el('span', { class: 'muted' }, ['unknown']);
    }
    if (quota.unlimited) {
      return el('span', null, ['unlimited']);
    }
    const limit = Math.max(0, Number(quota.limit) || 0);
    const used = Math.max(0, Number(quota.used) || 0);
    const left = Math.max(0, limit - used);
    const share = limit > 0 ? left / limit : 0;
    const bar = svg('svg', { viewBox: '0 0 100 8', preserveAspectRatio: 'none', role: 'img' });
    bar.append(svg('title', {}));
    bar.firstChild.textContent = left + ' of ' + limit + ' left';
    bar.append(svg('rect', { class: 'track', x: 0, y: 0, width: 100, height: 8, rx: 2 }));
    bar.append(svg('rect', {
      class: 'fill' + (share <= 0.05 ? ' full' : share <= 0.25 ? ' warn' : ''),
      x: 0, y: 0, width: (share * 100).toFixed(1), height: 8, rx: 2,
    }));
    return el('span', { class: 'quota' }, [bar, el('span', null, [left + ' / ' + limit])]);
  }

  function renderPool(body) {
    const tbody = $('pool').tBodies[0];
    const rows = (body && body.credentials) || [];
    if (rows.length === 0) {
      emptyRow(tbody, 9, 'No credential configured.');
      return;
    }
    tbody.replaceChildren(...rows.map((c) => {
      const disable = el('button', { type: 'button', class: 'danger', 'data-name': c.name }, ['Disable']);
      disable.disabled = c.state === 'disabled';
      disable.addEventListener('click', () => act(disable, 'pool-message',
        () => api('POST', '/admin/pool/credentials/' + encodeURIComponent(c.name) + '/disable'),
        () => c.name + ' disabled.'));
      return el('tr', { 'data-credential': c.name }, [
        cell('Credential', el('span', null, [c.name, ' ', el('span', { class: 'muted' }, [c.fingerprint || ''])])),
        cell('Tier', c.tier),
        cell('State', el('span', { class: 'state state-' + c.state }, [c.state.replace('_', ' ')]), 'state-cell'),
        cell('Quota', quotaBar(c.quota)),
        cell('Resets at', c.quota ? time(c.quota.resets_at) : ''),
        cell('Failures', number(c.failures), 'num'),
        cell('Cooldown until', c.cooldown_until ? time(c.cooldown_until) : '-'),
        cell('Requests', number(c.requests), 'num'),
        cell('', disable),
      ]);
    }));
  }

  function checks(body) {
    const results = body && body.checks ? Object.entries(body.checks) : [];
    return results.length === 0 ? 'Done.' : results.map(([name, result]) => name + ': ' + result).join(', ');
  }

  // ---- traffic charts ----

  // /admin/traffic: {"minutes":[{"minute","by_model":{name:{"requests","tokens"}},"by_key":{...}}]},
  // the last 60 minutes, oldest first. One series per name, one value per minute.
  function series(body, group, measure) {
    const minutes = (body && body.minutes) || [];
    const byName = new Map();
    minutes.forEach((minute, i) => {
      for (const [name, counts] of Object.entries((minute && minute[group]) || {})) {
        if (!byName.has(name)) {
          byName.set(name, new Array(minutes.length).fill(0));
        }
        byName.get(name)[i] = Number(counts && counts[measure]) || 0;
      }
    });
    const out = Array.from(byName, ([name, values]) => ({ name, values }));
    out.sort((a, b) => sum(b.values) - sum(a.values) || a.name.localeCompare(b.name));
    return out;
  }

  function sum(values) {
    return values.reduce((a, b) => a + b, 0);
  }

  const CHARTS = [
    { id: 'requests-by-model', title: 'Requests by model', group: 'by_model', measure: 'requests' },
    { id: 'tokens-by-model', title: 'Tokens by model', group: 'by_model', measure: 'tokens' },
    { id: 'requests-by-key', title: 'Requests by key', group: 'by_key', measure: 'requests' },
    { id: 'tokens-by-key', title: 'Tokens by key', group: 'by_key', measure: 'tokens' },
  ];

  function buildCharts() {
    const holder = $('charts');
    for (const chart of CHARTS) {
      const total = el('span', { class: 'muted chart-total' }, ['0']);
      const figure = el('figure', { class: 'chart', id: 'chart-' + chart.id }, [
        el('figcaption', null, [el('span', null, [chart.title]), total]),
        svg('svg', { viewBox: '0 0 600 120', preserveAspectRatio: 'none', role: 'img', 'aria-label': chart.title }),
        el('div', { class: 'axis' }, [el('span', null, ['60 min ago']), el('span', { class: 'chart-max' }, ['']), el('span', null, ['now'])]),
        el('div', { class: 'legend' }),
      ]);
      holder.append(figure);
    }
  }

  function drawChart(chart, body, minutes) {
    const figure = $('chart-' + chart.id);
    const plot = figure.querySelector('svg');
    const lines = series(body, chart.group, chart.measure);
    const buckets = Math.max(minutes.length, ...lines.map((s) => s.values.length), 1);
    const totals = new Array(buckets).fill(0);
    for (const s of lines) {
      s.values.forEach((v, i) => { totals[i] += v; });
    }
    const max = Math.max(1, ...totals);
    const width = 600 / buckets;
    const nodes = [];
    for (const y of [30, 60, 90]) {
      nodes.push(svg('line', { class: 'grid', x1: 0, x2: 600, y1: y, y2: y }));
    }
    for (let i = 0; i < buckets; i++) {
      let top = 120;
      lines.forEach((s, k) => {
        const v = s.values[i] || 0;
        if (v <= 0) {
          return;
        }
        const h = (v / max) * 116;
        top -= h;
        const rect = svg('rect', {
          class: 's' + (k % 8), x: (i * width + 0.5).toFixed(2), y: top.toFixed(2),
          width: Math.max(0.5, width - 1).toFixed(2), height: h.toFixed(2),
        });
        const title = svg('title', {});
        title.textContent = (minutes[i] ? time(minutes[i]) + ': ' : '') + s.name + ' ' + number(v);
        rect.append(title);
        nodes.push(rect);
      });
    }
    plot.replaceChildren(...nodes);
    const total = sum(totals);
    plot.setAttribute('data-total', String(total));
    figure.querySelector('.chart-total').textContent = number(total);
    figure.querySelector('.chart-max').textContent = 'peak ' + number(Math.max(...totals, 0)) + '/min';
    figure.querySelector('.legend').replaceChildren(...lines.map((s, k) =>
      el('span', null, [el('i', { class: 's' + (k % 8) }), s.name + ' ' + number(sum(s.values))])));
    return total;
  }

  function renderTraffic(body) {
    const minutes = ((body && body.minutes) || []).map((m) => m && m.minute);
    let requests = 0;
    let tokens = 0;
    for (const chart of CHARTS) {
      const total = drawChart(chart, body, minutes);
      if (chart.group === 'by_model' && chart.measure === 'requests') {
        requests = total;
      }
      if (chart.group === 'by_model' && chart.measure === 'tokens') {
        tokens = total;
      }
    }
    $('traffic-requests').textContent = number(requests);
    $('traffic-tokens').textContent = number(tokens);
  }

  // ---- recent requests ----

  function renderRequests(body) {
    const tbody = $('requests').tBodies[0];
    const rows = (body && body.requests) || [];
    $('requests-count').textContent = String(rows.length);
    if (rows.length === 0) {
      emptyRow(tbody, 7, 'No request yet.');
      return;
    }
    tbody.replaceChildren(...rows.map((r) => {
      const ok = Number(r.status) >= 200 && Number(r.status) < 400;
      const status = el('span', { class: ok ? 'status-ok' : 'status-error' },
        [String(r.status === undefined ? '' : r.status) + (r.error ? ' ' + r.error : '')]);
      return el('tr', { class: 'request-row' }, [
        cell('Time', time(r.time)),
        cell('Key', r.key || '-'),
        cell('Model', r.model || ''),
        cell('Credential', r.credential || '-'),
        cell('Status', status),
        cell('Tokens in / out', number(r.input_tokens || 0) + ' / ' + number(r.output_tokens || 0), 'num'),
        cell('Duration', r.duration_ms === undefined || r.duration_ms === null ? '' : number(r.duration_ms) + ' ms', 'num'),
      ]);
    }));
  }

  // ---- client keys ----

  // GET /admin/keys: {"keys":[{"name","models","daily_tokens","requests_per_minute","tokens_today",
  // "created"}]}, limits null when unset; never a secret. The secret is only in the 201 of a POST.

  function limitText(value, none) {
    return value === null || value === undefined ? none : number(value);
  }

  function usedText(k) {
    const used = number(k.tokens_today || 0);
    return k.daily_tokens === null || k.daily_tokens === undefined ? used : used + ' of ' + number(k.daily_tokens);
  }

  // Revoking takes two clicks. The table is redrawn on every poll, so the armed button is
  // remembered by key name (for a few seconds) rather than on the button itself.
  const ARMED_MS = 5000;
  let armed = null;
  let lastKeys = null;

  function isArmed(name) {
    return armed !== null && armed.name === name && Date.now() < armed.until;
  }

  function renderKeys(body) {
    lastKeys = body;
    const tbody = $('keys').tBodies[0];
    const rows = (body && body.keys) || [];
    if (rows.length === 0) {
      emptyRow(tbody, 7, 'No named key.');
      return;
    }
    tbody.replaceChildren(...rows.map((k) => {
      const ready = isArmed(k.name);
      const revoke = el('button', { type: 'button', class: 'danger' + (ready ? ' armed' : ''), 'data-name': k.name },
        [ready ? 'Click again to revoke' : 'Revoke']);
      revoke.addEventListener('click', () => {
        if (!isArmed(k.name)) {
          armed = { name: k.name, until: Date.now() + ARMED_MS };
          renderKeys(lastKeys);
          setTimeout(() => renderKeys(lastKeys), ARMED_MS + 50);
          return;
        }
        armed = null;
        act(revoke, 'keys-message',
          () => api('DELETE', '/admin/keys/' + encodeURIComponent(k.name)),
          () => k.name + ' revoked.');
      });
      const models = Array.isArray(k.models) && k.models.length > 0 ? k.models.join(', ') : 'all';
      return el('tr', { 'data-key': k.name }, [
        cell('Name', k.name),
        cell('Models', models),
        cell('Daily tokens', limitText(k.daily_tokens, 'no budget'), 'num'),
        cell('Requests / min', limitText(k.requests_per_minute, 'no limit'), 'num'),
        cell('Used today', usedText(k), 'num key-used'),
        cell('Created', time(k.created)),
        cell('', revoke),
      ]);
    }));
  }

  function keyRequest() {
    const body = { name: $('key-name').value.trim() };
    const models = $('key-models').value.split(',').map((m) => m.trim()).filter((m) => m.length > 0);
    if (models.length > 0) {
      body.models = models;
    }
    if ($('key-budget').value !== '') {
      body.daily_tokens = Number($('key-budget').value);
    }
    if ($('key-rpm').value !== '') {
      body.requests_per_minute = Number($('key-rpm').value);
    }
    return body;
  }

  function showSecret(created) {
    const secret = created && created.secret;
    if (!secret) {
      return;
    }
    $('key-secret-value').textContent = secret;
    $('key-secret').hidden = false;
  }

  // ---- actions and polling ----

  async function act(button, messageId, call, done) {
    button.disabled = true;
    message(messageId, 'Working...');
    try {
      const body = await call();
      message(messageId, done(body));
      await refresh();
    } catch (e) {
      message(messageId, e.message, true);
    } finally {
      button.disabled = false;
    }
  }

  const FEEDS = [
    { path: '/admin/pool', render: renderPool, messageId: 'pool-message' },
    { path: '/admin/traffic', render: renderTraffic, messageId: 'traffic-message' },
    { path: '/admin/requests?limit=50', render: renderRequests, messageId: 'requests-message' },
    { path: '/admin/keys', render: renderKeys, messageId: 'keys-message' },
  ];

  async function refresh() {
    const results = await Promise.allSettled(FEEDS.map((f) => api('GET', f.path)));
    let ok = true;
    results.forEach((result, i) => {
      const feed = FEEDS[i];
      if (result.status === 'fulfilled') {
        feed.render(result.value);
        if ($(feed.messageId).dataset.feed === 'error') {
          message(feed.messageId, '');
          delete $(feed.messageId).dataset.feed;
        }
      } else {
        ok = false;
        const e = result.reason;
        const text = e instanceof HttpError && e.status === 404
          ? 'Not available from this gateway.'
          : 'Could not load: ' + e.message;
        message(feed.messageId, text, true);
        $(feed.messageId).dataset.feed = 'error';
      }
    });
    if (!stopped) {
      live(ok, ok ? 'live, updated ' + new Date().toISOString().slice(11, 19) + ' UTC' : 'partly live');
    }
  }

  async function poll() {
    if (stopped) {
      return;
    }
    if (!document.hidden) {
      try {
        await refresh();
      } catch (e) {
        live(false, 'offline: ' + e.message);
      }
    }
    if (!stopped) {
      timer = setTimeout(poll, POLL_MS);
    }
  }

  function wire() {
    buildCharts();
    $('check').addEventListener('click', () => act($('check'), 'pool-message',
      () => api('POST', '/admin/pool/check'), checks));
    $('recover').addEventListener('click', () => act($('recover'), 'pool-message',
      () => api('POST', '/admin/pool/recover'), checks));
    $('key-form').addEventListener('submit', (event) => {
      event.preventDefault();
      act($('key-create'), 'keys-message', () => api('POST', '/admin/keys', keyRequest()), (created) => {
        showSecret(created);
        $('key-form').reset();
        return 'Key created.';
      });
    });
    $('key-secret-hide').addEventListener('click', () => {
      $('key-secret-value').textContent = '';
      $('key-secret').hidden = true;
    });
    $('logout').addEventListener('click', async () => {
      stopped = true;
      clearTimeout(timer);
      try {
        await fetch('/dashboard/logout', { method: 'POST', headers: { 'x-csrf-token': csrf }, credentials: 'same-origin' });
      } finally {
        window.location.assign('/dashboard');
      }
    });
    document.addEventListener('visibilitychange', () => {
      if (!document.hidden && !stopped) {
        clearTimeout(timer);
        poll();
      }
    });
    poll();
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', wire);
  } else {
    wire();
  }
})();
