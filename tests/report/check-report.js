#!/usr/bin/env node
/*
 * check-report.js REPORT.html SCREENSHOT.png - opens a geograph report in
 * Debian's chromium through playwright-core and prints one TAP line per
 * check.  The report must come from tests/report/hostile.jsonl (run.sh
 * makes it), whose evidence and actor names carry markup that must show as
 * text and never run.
 */
'use strict';

const path = require('path');
const fs = require('fs');
const os = require('os');
const { chromium } = require('playwright-core');

/* check-report.js --paging REPORT.html: the report of a graph with more
 * than one page of relations (run.sh makes one of 250). */
const paging = process.argv[2] === '--paging';
const [reportPath, shotPath] = process.argv.slice(paging ? 3 : 2);
if (!reportPath || (!paging && !shotPath)) {
  console.error('usage: check-report.js REPORT.html SCREENSHOT.png | --paging REPORT.html');
  process.exit(2);
}

let failures = 0;
function check(name, ok, detail) {
  if (ok) {
    console.log('ok - ' + name);
  } else {
    failures++;
    console.log('not ok - ' + name + (detail ? ': ' + detail : ''));
  }
}

async function main() {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'geograph-chromium-'));
  /* A fresh profile each run: playwright passes it as --user-data-dir. */
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1360, height: 1100 },
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
  try {
    await (paging ? runPaging(context) : run(context));
  } finally {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

async function run(context) {
  const page = context.pages()[0] || await context.newPage();
  const url = 'file://' + path.resolve(reportPath);
  const errors = [];
  const requests = [];
  const dialogs = [];
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('request', (r) => { if (r.url() !== url) requests.push(r.url()); });
  page.on('dialog', async (d) => { dialogs.push(d.message()); await d.dismiss(); });

  await page.goto(url, { waitUntil: 'load' });
  await page.waitForTimeout(200);

  const data = await page.evaluate(() => JSON.parse(document.getElementById('geo-data').textContent));
  const nActors = data.actors.length;
  const nEdges = data.edges.length;
  check('data block parses, with actors and edges', nActors >= 3 && nEdges >= 3,
    nActors + ' actors, ' + nEdges + ' edges');

  /* The diagram. */
  const diagram = await page.evaluate(() => {
    const svg = document.querySelector('#canvas svg');
    if (!svg) return null;
    const r = svg.getBoundingClientRect();
    return {
      w: r.width, h: r.height,
      nodes: svg.querySelectorAll('g.node').length,
      mapped: svg.querySelectorAll('g.node[data-actor]').length,
      edges: svg.querySelectorAll('g.edge').length,
      viewBox: svg.getAttribute('viewBox'),
    };
  });
  check('diagram is shown', diagram && diagram.w > 300 && diagram.h > 300, JSON.stringify(diagram));
  check('every actor has its node in the diagram', diagram && diagram.mapped === nActors, JSON.stringify(diagram));

  /* The table. */
  const tableRows = await page.locator('#centrality tbody tr').count();
  const heads = await page.locator('#centrality thead th').allTextContents();
  check('table lists every actor', tableRows === nActors, tableRows + ' rows for ' + nActors);
  check('table has a column per measure', heads.length === data.columns.length + 1 && heads[0] === 'actor',
    JSON.stringify(heads));

  async function columnValues(k) {
    return page.evaluate((col) => Array.from(document.querySelectorAll('#centrality tbody tr'))
      .map((tr) => tr.children[col].textContent), k);
  }
  const prCol = data.columns.indexOf('pagerank');
  check('table starts sorted by pagerank, highest first', await (async () => {
    const ids = await page.evaluate(() => Array.from(document.querySelectorAll('#centrality tbody tr'))
      .map((tr) => tr.getAttribute('data-actor')));
    const want = data.actors.map((a, i) => i)
      .sort((x, y) => (data.actors[y].scores[prCol] - data.actors[x].scores[prCol]) || (x - y))
      .map((i) => data.actors[i].id);
    return prCol >= 0 && JSON.stringify(ids) === JSON.stringify(want);
  })());

  await page.locator('#centrality thead th').nth(0).click();
  const byName = await columnValues(0);
  const names = data.actors.map((a) => a.label || a.id);
  const sortedNames = names.slice().sort((a, b) => {
    const x = a.toLowerCase(); const y = b.toLowerCase();
    return x < y ? -1 : x > y ? 1 : 0;
  });
  check('sorting by actor name, ascending', byName.map((t, i) => t.startsWith(sortedNames[i])).every(Boolean),
    JSON.stringify(byName));
  await page.locator('#centrality thead th').nth(0).click();
  const byNameDesc = await columnValues(0);
  check('clicking again reverses the order', byNameDesc.map((t, i) => t.startsWith(sortedNames[nActors - 1 - i]))
    .every(Boolean), JSON.stringify(byNameDesc));

  const inCol = data.columns.indexOf('degree_in');
  if (inCol >= 0) {
    await page.locator('#centrality thead th').nth(inCol + 1).click();
    const vals = (await columnValues(inCol + 1)).map(Number);
    const sorted = vals.slice().sort((a, b) => b - a);
    const aria = await page.locator('#centrality thead th').nth(inCol + 1).getAttribute('aria-sort');
    check('sorting by degree in, highest first', JSON.stringify(vals) === JSON.stringify(sorted) &&
      aria === 'descending', JSON.stringify(vals));
  } else {
    check('sorting by degree in, highest first', false, 'no degree_in column');
  }

  /* All relations listed before any selection. */
  const allItems = await page.locator('#edges > li').count();
  check('every relation is listed with its evidence', allItems === nEdges, allItems + ' of ' + nEdges);

  /* Clicking an actor in the table. */
  const pick = data.actors.findIndex((a) => a.id === 'RUS');
  const pickIdx = pick >= 0 ? pick : 0;
  const pickId = data.actors[pickIdx].id;
  await page.locator('#centrality tbody tr[data-actor="' + pickId + '"]').click();
  const listed = await page.evaluate(() => Array.from(document.querySelectorAll('#edges > li'))
    .map((li) => [li.getAttribute('data-from'), li.getAttribute('data-to')]));
  const want = data.edges.filter((e) => e.from === pickIdx || e.to === pickIdx).length;
  check('clicking an actor lists only its relations',
    listed.length === want && want > 0 && listed.every((p) => p[0] === pickId || p[1] === pickId),
    JSON.stringify(listed));
  const hl = await page.evaluate((id) => {
    const svg = document.querySelector('#canvas svg');
    const hlEdges = Array.from(svg.querySelectorAll('g.edge.hl'));
    const dim = svg.querySelectorAll('g.edge.off').length;
    const sel = svg.querySelector('g.node.sel');
    return { hl: hlEdges.length, dim: dim, sel: sel ? sel.getAttribute('data-actor') : null };
  }, pickId);
  const pairEdges = new Set(data.edges.filter((e) => e.from === pickIdx || e.to === pickIdx)
    .map((e) => e.from + ':' + e.to)).size;
  check('clicking an actor highlights its edges in the diagram',
    hl.sel === pickId && hl.hl >= pairEdges && hl.hl > 0 && hl.dim > 0, JSON.stringify(hl));
  await page.screenshot({ path: shotPath.replace(/\.png$/, '-actor.png'), fullPage: true });

  /* Clicking a node in the diagram selects that actor instead. */
  const other = data.actors.findIndex((a) => a.id === 'USA');
  if (other >= 0) {
    await page.locator('#canvas g.node[data-actor="USA"]').click();
    const rows = await page.locator('#edges > li').count();
    const wantUsa = data.edges.filter((e) => e.from === other || e.to === other).length;
    const selRow = await page.locator('#centrality tbody tr.sel').getAttribute('data-actor');
    check('clicking a node in the diagram selects its actor', rows === wantUsa && selRow === 'USA',
      rows + ' relations, row ' + selRow);
  } else {
    check('clicking a node in the diagram selects its actor', false, 'no USA in the data');
  }
  await page.locator('#clear-actor').click();
  check('"Show all actors" clears the selection', await page.locator('#edges > li').count() === nEdges);

  /* Filters. */
  await page.selectOption('#filter-family', 'trade');
  const trade = await page.evaluate(() => Array.from(document.querySelectorAll('#edges > li'))
    .map((li) => li.getAttribute('data-relation')));
  const wantTrade = data.edges.filter((e) => e.trade).map((e) => e.relation);
  check('family filter keeps trade relations only', trade.length > 0 &&
    JSON.stringify(trade.slice().sort()) === JSON.stringify(wantTrade.slice().sort()), JSON.stringify(trade));
  await page.selectOption('#filter-family', 'conflict');
  const conflict = await page.locator('#edges > li').count();
  check('family filter keeps conflict relations only',
    conflict === data.edges.filter((e) => e.quad === 3 || e.quad === 4).length, String(conflict));
  await page.selectOption('#filter-family', '');
  const rel = data.edges[0].relation;
  await page.selectOption('#filter-relation', rel);
  const byRel = await page.evaluate(() => Array.from(document.querySelectorAll('#edges > li'))
    .map((li) => li.getAttribute('data-relation')));
  check('relation filter keeps one relation', byRel.length === data.edges.filter((e) => e.relation === rel).length &&
    byRel.every((r) => r === rel), JSON.stringify(byRel));
  const dimmed = await page.locator('#canvas g.edge.off').count();
  check('relation filter dims the other edges in the diagram', dimmed > 0, String(dimmed));
  await page.selectOption('#filter-relation', '');

  /* Zoom and pan. */
  await page.locator('#canvas').scrollIntoViewIfNeeded();
  const box0 = await page.locator('#canvas svg').getAttribute('viewBox');
  const cbox = await page.locator('#canvas').boundingBox();
  await page.mouse.move(cbox.x + cbox.width / 2, cbox.y + cbox.height / 2);
  await page.mouse.wheel(0, -400);
  await page.waitForTimeout(100);
  const box1 = await page.locator('#canvas svg').getAttribute('viewBox');
  const w0 = Number(box0.split(' ')[2]);
  const w1 = Number(box1.split(' ')[2]);
  check('wheel zooms in', w1 < w0 * 0.9, box0 + ' -> ' + box1);
  await page.mouse.move(cbox.x + 40, cbox.y + 40);
  await page.mouse.down();
  await page.mouse.move(cbox.x + 140, cbox.y + 90, { steps: 5 });
  await page.mouse.up();
  const box2 = await page.locator('#canvas svg').getAttribute('viewBox');
  const b1 = box1.split(' ').map(Number);
  const b2 = box2.split(' ').map(Number);
  check('drag pans', b2[0] < b1[0] && b2[1] < b1[1] && b2[2] === b1[2], box1 + ' -> ' + box2);
  await page.click('#zoom-reset');
  check('reset restores the whole diagram', await page.locator('#canvas svg').getAttribute('viewBox') === box0);

  /* Hostile text stays text. */
  const hostile = await page.evaluate(() => {
    const items = Array.from(document.querySelectorAll('#edges q')).map((q) => q.textContent);
    return {
      script: items.some((t) => t.includes('<script>alert(1)</script>')),
      img: items.some((t) => t.includes('<img src=x onerror=')),
      closing: items.some((t) => t.includes('</script>')),
      imgs: document.querySelectorAll('img').length,
      scripts: document.querySelectorAll('script').length,
      pwned: window.__pwned === undefined ? null : window.__pwned,
      names: Array.from(document.querySelectorAll('#centrality td .name')).map((s) => s.textContent),
    };
  });
  check('hostile evidence shows as text', hostile.script && hostile.img && hostile.closing, JSON.stringify(hostile));
  check('hostile actor names show as text', hostile.names.some((n) => n.includes('<img')),
    JSON.stringify(hostile.names));
  check('hostile text never runs', dialogs.length === 0 && hostile.pwned === null && hostile.imgs === 0 &&
    hostile.scripts === 2, JSON.stringify({ dialogs: dialogs, pwned: hostile.pwned, imgs: hostile.imgs,
    scripts: hostile.scripts }));

  await page.screenshot({ path: shotPath, fullPage: true });
  check('screenshot saved', fs.existsSync(shotPath) && fs.statSync(shotPath).size > 10000, shotPath);

  check('no console errors', errors.length === 0, JSON.stringify(errors));
  check('no network requests', requests.length === 0, JSON.stringify(requests));
}

async function runPaging(context) {
  const page = context.pages()[0] || await context.newPage();
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto('file://' + path.resolve(reportPath), { waitUntil: 'load' });
  const data = await page.evaluate(() => JSON.parse(document.getElementById('geo-data').textContent));
  const n = data.edges.length;
  const counts = async () => page.evaluate(() => Array.from(document.querySelectorAll('#edges > li'))
    .map((li) => Number(/^(\d+) event/.exec(li.querySelector('.edge-meta').textContent)[1])));
  let shown = await counts();
  const more = page.locator('#more');
  check('paging: the first 200 relations are listed', n > 200 && n <= 400 && shown.length === 200,
    shown.length + ' of ' + n);
  check('paging: busiest relations first', shown.every((c, i) => i === 0 || shown[i - 1] >= c) &&
    shown[0] === Math.max.apply(null, data.edges.map((e) => e.count)), JSON.stringify(shown.slice(0, 5)));
  check('paging: the button offers the rest', await more.isVisible() &&
    await more.textContent() === 'Show the remaining ' + (n - 200), await more.textContent());
  await more.click();
  shown = await counts();
  check('paging: "Show more" lists the rest', shown.length === n && !(await more.isVisible()), String(shown.length));
  await page.selectOption('#filter-family', 'conflict');
  const conflict = data.edges.filter((e) => e.quad === 3 || e.quad === 4).length;
  check('paging: a filter starts again from the first page',
    (await counts()).length === Math.min(200, conflict), String((await counts()).length));
  check('paging: no console errors', errors.length === 0, JSON.stringify(errors));
}

main().then(() => process.exit(failures ? 1 : 0), (e) => {
  console.log('not ok - browser run: ' + String(e && e.stack || e).split('\n').join(' | '));
  process.exit(1);
});
