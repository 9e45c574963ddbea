// The service's own dashboard: lists the searches and shows one of them, polling the REST API
// (openapi.yaml) of the server that serves it. Plain ES2020, no library, nothing fetched from
// elsewhere. Every string that comes from the API goes into the page as textContent or as an
// attribute value, never as markup.
'use strict';

const POLL_MS = 2000;
const PAGE_SIZE = 20;
// relative to the page (/dashboard/), so that the page also works behind a proxy's path prefix
const API = new URL('../v1/', document.baseURI);
const TOKEN_KEY = 'mse-nas.dashboard.token';
const TERMINAL = new Set(['SUCCEEDED', 'FAILED', 'CANCELLED']);
const CANCELLABLE = new Set(['QUEUED', 'RUNNING']);
const SERIES = ['best', 'mean', 'median'];
const SVG_NS = 'http://www.w3.org/2000/svg';

const $ = (id) => document.getElementById(id);

const state = {
  page: 0,
  // the search shown in the details: {id, final, bestKey}; final once a finished search's last
  // state is on screen (or its id will never load), after which its details are not polled
  selected: null,
};

// ---------------------------------------------------------------- the API

class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/** A JSON request; a non-2xx answer throws with the problem+json detail as the message. */
async function api(path, options = {}) {
  const headers = {Accept: 'application/json'};
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (token) {
    headers.Authorization = 'Bearer ' + token;
  }
  let response;
  try {
    response = await fetch(new URL(path, API), {...options, headers});
  } catch (e) {
    throw new ApiError(0, 'cannot reach the API: ' + e.message);
  }
  const type = response.headers.get('Content-Type') || '';
  const body = type.includes('json') ? await response.json().catch(() => null) : null;
  if (!response.ok) {
    const title = (body && body.title) || response.statusText || 'error';
    const detail = (body && body.detail) || 'no detail given';
    throw new ApiError(response.status, `${response.status} ${title}: ${detail}`);
  }
  return body;
}

const searchPath = (id, rest = '') => `searches/${encodeURIComponent(id)}${rest}`;

// ---------------------------------------------------------------- formatting

/** A finite number, or null: fitness may be null (nothing yet) or "NaN" from the JSON writer. */
function num(value) {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** Four decimals, as the CLI prints fitness; "-" for none. */
function fitness(value) {
  const n = num(value);
  return n === null ? '-' : n.toFixed(4);
}

/** Seconds as "42s" or "3m07s", as the CLI prints them; "-" for none. */
function duration(seconds) {
  const n = num(seconds);
  if (n === null) {
    return '-';
  }
  const s = Math.round(n);
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
}

/** [min, max] of the finite values ([0, 0] for none); a loop, as a large RDM is too many arguments. */
function range(values) {
  let low = Infinity;
  let high = -Infinity;
  for (const value of values) {
    const n = num(value);
    if (n !== null) {
      low = Math.min(low, n);
      high = Math.max(high, n);
    }
  }
  return low <= high ? [low, high] : [0, 0];
}

function when(iso) {
  return iso ? new Date(iso).toLocaleString() : '-';
}

/** "generation x/y", 1-based as the CLI counts. */
function generationOf(progress) {
  return `${Math.min(progress.generation + 1, progress.generations)}/${progress.generations}`;
}

// ---------------------------------------------------------------- DOM helpers

/** An element with text content and attributes (never markup). */
function el(tag, text, attributes = {}) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) {
    node.textContent = String(text);
  }
  for (const [name, value] of Object.entries(attributes)) {
    node.setAttribute(name, value);
  }
  return node;
}

function svg(tag, attributes = {}, text) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attributes)) {
    node.setAttribute(name, String(value));
  }
  if (text !== undefined) {
    node.textContent = String(text);
  }
  return node;
}

function statusBadge(status) {
  return el('span', status, {class: `status s-${status}`});
}

function progressBar(done, total) {
  const wrap = el('span', null, {class: 'evaluations'});
  wrap.append(
    el('progress', null, {max: String(Math.max(total, 1)), value: String(done)}),
    el('span', `${done}/${total}`, {class: 'count'}));
  return wrap;
}

/** Fills a <dl> from [term, value] pairs; a value may be a node. */
function fillList(dl, pairs) {
  dl.replaceChildren();
  for (const [term, value] of pairs) {
    const dd = el('dd');
    if (value instanceof Node) {
      dd.append(value);
    } else {
      dd.textContent = value === null || value === undefined ? '-' : String(value);
    }
    dl.append(el('dt', term), dd);
  }
}

function showError(id, message) {
  $(id).textContent = message;
  $(id).hidden = false;
}

function hideError(id) {
  $(id).hidden = true;
  $(id).textContent = '';
}

// ---------------------------------------------------------------- the list

async function refreshList() {
  let page;
  try {
    page = await api(`searches?page=${state.page}&size=${PAGE_SIZE}`);
  } catch (e) {
    showError('list-error', e.message);
    return;
  }
  hideError('list-error');
  if (page.items.length === 0 && state.page > 0 && page.totalPages > 0) {
    // the page we were on is gone (searches were deleted): go to the last one
    state.page = page.totalPages - 1;
    return refreshList();
  }
  const rows = page.items.map(searchRow);
  $('searches').tBodies[0].replaceChildren(...rows);
  $('list-empty').hidden = page.totalItems > 0;
  $('page-info').textContent =
    `page ${page.totalPages === 0 ? 0 : state.page + 1} of ${page.totalPages} (${page.totalItems} searches)`;
  $('prev').disabled = state.page === 0;
  $('next').disabled = state.page + 1 >= page.totalPages;
}

function searchRow(search) {
  const p = search.progress;
  const row = el('tr', null, {'data-id': search.id, 'data-status': search.status});
  if (state.selected && state.selected.id === search.id) {
    row.classList.add('selected');
  }
  const link = el('a', search.id.slice(0, 8), {href: '#search=' + encodeURIComponent(search.id), title: search.id});
  const cells = [
    link,
    statusBadge(search.status),
    `${search.spec.preset} · ${search.spec.dataset} · ${search.spec.fitness}`,
    generationOf(p),
    progressBar(p.evaluationsDone, p.evaluationsTotal),
    p.evaluationsFailed,
    fitness(p.bestFitness),
    duration(p.etaSeconds),
    when(search.createdAt),
  ];
  const classes = ['id', 'status', 'setting', 'generation', 'evaluations', 'failed', 'best', 'eta', 'created'];
  cells.forEach((value, i) => {
    const td = el('td', null, {class: classes[i]});
    td.append(value instanceof Node ? value : String(value));
    row.append(td);
  });
  // the whole row selects, not only the link
  row.addEventListener('click', () => {
    location.hash = 'search=' + encodeURIComponent(search.id);
  });
  return row;
}

// ---------------------------------------------------------------- one search

function selectFromHash() {
  const id = new URLSearchParams(location.hash.slice(1)).get('search');
  if (!id) {
    state.selected = null;
    $('detail').hidden = true;
    return;
  }
  if (state.selected && state.selected.id === id) {
    return;
  }
  state.selected = {id, final: false, bestKey: null};
  $('d-id').textContent = id;
  $('d-status').textContent = '';
  $('d-body').hidden = true;
  hideError('detail-error');
  hideError('cancel-error');
  $('detail').hidden = false;
  for (const row of $('searches').tBodies[0].rows) {
    row.classList.toggle('selected', row.dataset.id === id);
  }
  refreshDetail();
}

async function refreshDetail() {
  const selected = state.selected;
  if (!selected || selected.final) {
    return;
  }
  try {
    const [search, generations] = await Promise.all([
      api(searchPath(selected.id)),
      api(searchPath(selected.id, '/generations')),
    ]);
    // the winner once there is one, else the best so far; fetched again only when it changes
    const bestId = search.winnerId || search.progress.bestIndividualId;
    const bestKey = bestId ? `${search.winnerId ? 'winner' : 'best'} ${bestId}` : null;
    let best;
    if (bestKey && bestKey !== selected.bestKey) {
      best = await api(search.winnerId
        ? searchPath(selected.id, '/winner')
        : searchPath(selected.id, `/individuals/${encodeURIComponent(bestId)}`));
    }
    if (selected !== state.selected) {
      return; // another search was chosen meanwhile
    }
    hideError('detail-error');
    renderSearch(search);
    renderChart(generations);
    $('best-title').textContent = search.winnerId
      ? 'Winner'
      : TERMINAL.has(search.status) ? 'Best individual' : 'Best individual so far';
    if (best) {
      renderBest(best, search);
    } else if (!bestKey) {
      renderBest(null, search);
    }
    selected.bestKey = bestKey;
    $('d-body').hidden = false;
    // a finished search changes no more: its details are not polled again
    selected.final = TERMINAL.has(search.status);
  } catch (e) {
    if (selected !== state.selected) {
      return;
    }
    showError('detail-error', e.message);
    // asking again will not help an unknown or malformed id; 5xx and network errors may pass
    if (e.status >= 400 && e.status < 500) {
      selected.final = true;
      $('d-body').hidden = true;
    }
  }
}

function renderSearch(search) {
  const p = search.progress;
  const spec = search.spec;
  $('d-id').textContent = search.id;
  $('d-status').replaceChildren(statusBadge(search.status));
  $('cancel').hidden = !CANCELLABLE.has(search.status);
  $('d-error').hidden = !search.error;
  $('d-error').textContent = search.error || '';
  const objectives = spec.objectives === 2 ? `2 (fitness, ${spec.costObjective})` : '1 (fitness)';
  fillList($('d-spec'), [
    ['dataset', spec.dataset],
    ['preset', spec.preset],
    ['fitness', spec.fitness],
    ['evolution', spec.evolution],
    ['objectives', objectives],
    ['population / offspring', `${spec.population} / ${spec.offspring}`],
    ['generations', spec.generations],
    ['cells / channels', `${spec.cells} / ${spec.channels}`],
    ['time steps / batch (B)', `${spec.timeSteps} / ${spec.batchSize}`],
    ['seed', spec.seed],
  ]);
  fillList($('d-progress'), [
    ['generation', generationOf(p)],
    ['evaluations', progressBar(p.evaluationsDone, p.evaluationsTotal)],
    ['failed', p.evaluationsFailed],
    ['best fitness', fitness(p.bestFitness)],
    ['elapsed', duration(p.elapsedSeconds)],
    ['ETA', duration(p.etaSeconds)],
    ['created', when(search.createdAt)],
    ['finished', when(search.finishedAt)],
  ]);
}

// ---------------------------------------------------------------- the generation chart

const CHART = {width: 640, height: 260, left: 80, right: 16, top: 12, bottom: 32};

/** Best, mean and median fitness per generation; null and NaN points leave gaps. */
function renderChart(generations) {
  const chart = $('chart');
  chart.replaceChildren();
  const points = generations.flatMap((g) => SERIES.map((s) => num(g[`${s}Fitness`])));
  const values = points.filter((v) => v !== null);
  $('chart-empty').hidden = values.length > 0;
  $('chart-empty').textContent =
    generations.length === 0 ? 'No generation completed yet.' : 'No finite fitness in any generation.';
  $('chart-box').hidden = values.length === 0;
  if (values.length === 0) {
    return;
  }
  let [low, high] = range(values);
  if (low === high) {
    // one value: give the axis some height
    const pad = Math.abs(low) * 0.05 || 1;
    low -= pad;
    high += pad;
  }
  const first = generations[0].number;
  const last = generations[generations.length - 1].number;
  const {width, height, left, right, top, bottom} = CHART;
  const x = (n) => left + (last === first ? 0.5 : (n - first) / (last - first)) * (width - left - right);
  const y = (v) => top + (1 - (v - low) / (high - low)) * (height - top - bottom);

  chart.append(
    svg('line', {class: 'axis', x1: left, y1: top, x2: left, y2: height - bottom}),
    svg('line', {class: 'axis', x1: left, y1: height - bottom, x2: width - right, y2: height - bottom}),
    svg('text', {class: 'tick', x: left - 6, y: top + 4, 'text-anchor': 'end'}, fitness(high)),
    svg('text', {class: 'tick', x: left - 6, y: height - bottom, 'text-anchor': 'end'}, fitness(low)),
    svg('text', {class: 'tick', x: x(first), y: height - 10, 'text-anchor': 'middle'}, `gen ${first}`));
  if (last !== first) {
    chart.append(svg('text', {class: 'tick', x: x(last), y: height - 10, 'text-anchor': 'middle'}, `gen ${last}`));
  }
  for (const series of SERIES) {
    let d = '';
    let pen = 'M';
    const dots = [];
    for (const g of generations) {
      const v = num(g[`${series}Fitness`]);
      if (v === null) {
        pen = 'M'; // a gap: the next point starts a new piece of line
        continue;
      }
      d += `${pen}${x(g.number).toFixed(1)},${y(v).toFixed(1)} `;
      pen = 'L';
      const dot = svg('circle', {class: `point point-${series}`, cx: x(g.number), cy: y(v), r: 3});
      dot.append(svg('title', {}, `generation ${g.number} ${series} ${fitness(v)}`));
      dots.push(dot);
    }
    chart.append(svg('path', {class: `line line-${series}`, d: d.trim()}), ...dots);
  }
}

// ---------------------------------------------------------------- the best individual and its RDM

function renderBest(individual, search) {
  $('best-empty').hidden = individual !== null;
  $('best').hidden = individual === null;
  if (individual === null) {
    $('best-empty').textContent =
      TERMINAL.has(search.status) ? 'No individual was evaluated.' : 'Nothing evaluated yet.';
    return;
  }
  const objectives = individual.objectives || {};
  const facts = [
    ['label', individual.label],
    ['fitness', fitness(objectives.fitness)],
    ['width-normalised score', fitness(objectives.widthNormalisedScore)],
  ];
  if ('cost' in objectives) {
    facts.push(['cost', fitness(objectives.cost)]);
  }
  const architecture = individual.architecture || {cells: []};
  facts.push(
    ['parameters', individual.parameterCount == null ? '-' : individual.parameterCount.toLocaleString('en')],
    ['macro', `every cell reads the ${architecture.macroK} previous cell outputs`],
    ['canonical hash', individual.canonicalHash],
    ['status', individual.status]);
  if (individual.error) {
    facts.push(['error', individual.error]);
  }
  fillList($('best-facts'), facts);

  $('cells').tBodies[0].replaceChildren(...architecture.cells.map((cell) => {
    const row = el('tr');
    const kernels = cell.kernelSizes.map((k) => `${k}x${k}`).join(' ');
    for (const value of [cell.index, cell.type, cell.motif || '-', kernels || '-']) {
      row.append(el('td', value));
    }
    return row;
  }));

  renderRdm(individual.evaluation && individual.evaluation.rdm);
}

/** The B x B RDM as a heatmap: light = similar spike patterns, dark = dissimilar. */
function renderRdm(rdm) {
  const map = $('rdm');
  map.replaceChildren();
  const size = rdm && rdm.size;
  const ok = Number.isInteger(size) && size > 0 && Array.isArray(rdm.values) && rdm.values.length === size * size;
  $('rdm-empty').hidden = ok;
  $('rdm-box').hidden = !ok;
  $('rdm-caption').textContent = '';
  if (!ok) {
    return;
  }
  const [low, high] = range(rdm.values);
  map.setAttribute('viewBox', `0 0 ${size} ${size}`);
  const cells = [];
  for (let r = 0; r < size; r++) {
    for (let c = 0; c < size; c++) {
      const v = num(rdm.values[r * size + c]);
      cells.push(svg('rect', {
        class: 'rdm-cell', x: c, y: r, width: 1, height: 1,
        fill: v === null ? '#bbbbbb' : shade(high > low ? (v - low) / (high - low) : 0),
      }));
    }
  }
  map.append(...cells);
  $('rdm-caption').textContent = `${size} x ${size}, from ${fitness(low)} (light) to ${fitness(high)} (dark)`;
}

/** White to dark blue, t in [0, 1]. */
function shade(t) {
  const from = [247, 251, 255];
  const to = [8, 48, 107];
  const channel = (i) => Math.round(from[i] + (to[i] - from[i]) * t);
  return `rgb(${channel(0)},${channel(1)},${channel(2)})`;
}

// ---------------------------------------------------------------- wiring

async function cancelSelected() {
  const selected = state.selected;
  if (!selected || !confirm(`Cancel search ${selected.id}? Its open evaluations are dropped.`)) {
    return;
  }
  const button = $('cancel');
  button.disabled = true;
  hideError('cancel-error');
  try {
    renderSearch(await api(searchPath(selected.id, '/cancel'), {method: 'POST'}));
    selected.final = false; // show the cancelled search's final state once
    await Promise.all([refreshDetail(), refreshList()]);
  } catch (e) {
    showError('cancel-error', e.message);
  } finally {
    button.disabled = false;
  }
}

/** Refreshes everything every POLL_MS; the next round starts only after this one ended. */
async function poll() {
  if (!document.hidden) {
    await Promise.all([refreshList(), refreshDetail()]);
  }
  setTimeout(poll, POLL_MS);
}

function start() {
  const token = $('token');
  token.value = sessionStorage.getItem(TOKEN_KEY) || '';
  token.addEventListener('change', () => {
    // per tab and session only: the key is not kept when the browser closes
    if (token.value) {
      sessionStorage.setItem(TOKEN_KEY, token.value);
    } else {
      sessionStorage.removeItem(TOKEN_KEY);
    }
    if (state.selected) {
      state.selected.final = false;
    }
    refreshList();
    refreshDetail();
  });
  $('prev').addEventListener('click', () => {
    state.page = Math.max(0, state.page - 1);
    refreshList();
  });
  $('next').addEventListener('click', () => {
    state.page += 1;
    refreshList();
  });
  $('cancel').addEventListener('click', cancelSelected);
  window.addEventListener('hashchange', selectFromHash);
  selectFromHash();
  refreshList();
  setTimeout(poll, POLL_MS);
}

start();
