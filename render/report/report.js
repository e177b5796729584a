/* geograph report: everything is drawn from the JSON block above with
 * textContent, never from markup, so article text cannot become code. */
(function () {
  'use strict';

  var data = JSON.parse(document.getElementById('geo-data').textContent);
  var actors = data.actors || [];
  var edges = data.edges || [];
  var columns = data.columns || [];

  var state = {
    actor: -1,
    family: '',
    relation: '',
    sortCol: -1,
    sortDir: 'descending'
  };

  function has(obj, key) {
    return Object.prototype.hasOwnProperty.call(obj, key);
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  function isCoop(e) { return e.quad === 1 || e.quad === 2; }
  function isConflict(e) { return e.quad === 3 || e.quad === 4; }

  var families = {
    cooperation: isCoop,
    conflict: isConflict,
    verbal: function (e) { return e.quad === 1 || e.quad === 3; },
    material: function (e) { return e.quad === 2 || e.quad === 4; },
    trade: function (e) { return !!e.trade; }
  };

  function edgePasses(e) {
    if (state.family && !families[state.family](e)) return false;
    if (state.relation && e.relation !== state.relation) return false;
    return true;
  }

  function touchesActor(e) {
    return state.actor < 0 || e.from === state.actor || e.to === state.actor;
  }

  function actorName(i) {
    var a = actors[i];
    return a ? (a.label || a.id) : '?';
  }

  function formatNumber(v) {
    if (v === null || v === undefined || typeof v !== 'number' || !isFinite(v)) return '\u2013';
    if (Math.floor(v) === v && Math.abs(v) < 1e15) return String(v);
    var p = Math.abs(v) >= 1 ? v.toFixed(2) : v.toPrecision(3);
    return String(Number(p));
  }

  /* ---------------------------------------------------------------- */
  /* Summary line                                                      */

  (function summary() {
    var parts = [];
    var s = data.stats || {};
    if (typeof s.documents === 'number') parts.push(s.documents + ' documents');
    if (typeof s.events === 'number') parts.push(s.events + ' events');
    parts.push(actors.length + (actors.length === 1 ? ' actor' : ' actors'));
    parts.push(edges.length + (edges.length === 1 ? ' relation' : ' relations'));
    document.getElementById('summary').textContent = parts.join(' \u00b7 ');
  })();

  /* ---------------------------------------------------------------- */
  /* Diagram: map Graphviz's groups to actors and edges, zoom and pan  */

  var canvas = document.getElementById('canvas');
  var svg = canvas.querySelector('svg');
  var nodeGroups = [];   /* [{g, actor}] */
  var edgeGroups = [];   /* [{g, from, to, index}] index: edge or -1 */
  var byId = {};
  actors.forEach(function (a, i) { byId[a.id] = i; });

  function titleOf(g) {
    var t = g.querySelector('title');
    return t ? t.textContent : '';
  }

  var baseBox = null;
  var box = null;

  function setBox(b) {
    box = b;
    svg.setAttribute('viewBox', b.x + ' ' + b.y + ' ' + b.w + ' ' + b.h);
  }

  function resetView() {
    if (baseBox) setBox({ x: baseBox.x, y: baseBox.y, w: baseBox.w, h: baseBox.h });
  }

  /* The point of the drawing under client coordinates (cx, cy). */
  function toDrawing(cx, cy) {
    var pt = svg.createSVGPoint();
    pt.x = cx;
    pt.y = cy;
    var m = svg.getScreenCTM();
    if (!m) return { x: box.x + box.w / 2, y: box.y + box.h / 2 };
    var p = pt.matrixTransform(m.inverse());
    return { x: p.x, y: p.y };
  }

  function zoom(factor, cx, cy) {
    if (!box) return;
    var w = box.w / factor;
    var h = box.h / factor;
    /* Keep the scale between 1/20 and 40 times the whole drawing. */
    if (w > baseBox.w * 20 || w < baseBox.w / 40) return;
    var p = toDrawing(cx, cy);
    setBox({
      x: p.x - (p.x - box.x) / factor,
      y: p.y - (p.y - box.y) / factor,
      w: w,
      h: h
    });
  }

  function zoomCentre(factor) {
    var r = canvas.getBoundingClientRect();
    zoom(factor, r.left + r.width / 2, r.top + r.height / 2);
  }

  if (svg) {
    var vb = (svg.getAttribute('viewBox') || '').trim().split(/[\s,]+/).map(Number);
    if (vb.length !== 4 || vb.some(function (v) { return !isFinite(v); }) || vb[2] <= 0 || vb[3] <= 0) {
      var bb = svg.getBBox();
      vb = [bb.x, bb.y, bb.width || 1, bb.height || 1];
    }
    baseBox = { x: vb[0], y: vb[1], w: vb[2], h: vb[3] };
    svg.removeAttribute('width');
    svg.removeAttribute('height');
    svg.setAttribute('preserveAspectRatio', 'xMidYMid meet');
    resetView();

    /* A node names its actor by its tooltip or its Graphviz name (the
     * actor id); names n0, n1, ... are vertex numbers only when the
     * diagram draws every actor and nothing else. */
    var nodes = svg.querySelectorAll('g.node');
    var nodeActor = {};
    Array.prototype.forEach.call(nodes, function (g) {
      var link = g.querySelector('a');
      var tip = link ? (link.getAttributeNS('http://www.w3.org/1999/xlink', 'title') || link.getAttribute('title')) : null;
      var name = titleOf(g);
      var a = -1;
      if (tip && has(byId, tip)) a = byId[tip];
      else if (has(byId, name)) a = byId[name];
      else if (nodes.length === actors.length && /^n\d+$/.test(name)) a = Number(name.slice(1));
      if (a >= 0 && a < actors.length) {
        nodeActor[name] = a;
        nodeGroups.push({ g: g, actor: a });
        g.setAttribute('data-actor', actors[a].id);
      }
    });
    Array.prototype.forEach.call(svg.querySelectorAll('g.edge'), function (g) {
      var parts = titleOf(g).split(/->|--/);
      if (parts.length !== 2 || !has(nodeActor, parts[0]) || !has(nodeActor, parts[1])) return;
      var from = nodeActor[parts[0]];
      var to = nodeActor[parts[1]];
      var m = /^e(\d+)$/.exec(g.id || '');
      var index = m && Number(m[1]) < edges.length ? Number(m[1]) : -1;
      edgeGroups.push({ g: g, from: from, to: to, index: index });
    });

    canvas.addEventListener('wheel', function (ev) {
      ev.preventDefault();
      var f = Math.pow(1.0015, -ev.deltaY * (ev.deltaMode === 1 ? 30 : 1));
      zoom(f, ev.clientX, ev.clientY);
    }, { passive: false });

    var drag = null;
    canvas.addEventListener('pointerdown', function (ev) {
      if (ev.button !== 0) return;
      drag = { x: ev.clientX, y: ev.clientY, box: box, moved: false, id: ev.pointerId };
    });
    canvas.addEventListener('pointermove', function (ev) {
      if (!drag) return;
      var dx = ev.clientX - drag.x;
      var dy = ev.clientY - drag.y;
      if (!drag.moved && Math.abs(dx) + Math.abs(dy) < 4) return;
      if (!drag.moved) {
        drag.moved = true;
        canvas.classList.add('dragging');
        canvas.setPointerCapture(drag.id);
      }
      var m = svg.getScreenCTM();
      var scale = m ? m.a : 1;
      setBox({ x: drag.box.x - dx / scale, y: drag.box.y - dy / scale, w: drag.box.w, h: drag.box.h });
    });
    function endDrag(ev) {
      if (!drag) return;
      var moved = drag.moved;
      drag = null;
      canvas.classList.remove('dragging');
      if (moved || ev.type !== 'pointerup') return;
      var t = ev.target;
      while (t && t !== canvas && !(t.classList && t.classList.contains('node'))) t = t.parentNode;
      if (t && t !== canvas && t.hasAttribute('data-actor')) {
        var a = byId[t.getAttribute('data-actor')];
        selectActor(state.actor === a ? -1 : a);
      }
    }
    canvas.addEventListener('pointerup', endDrag);
    canvas.addEventListener('pointercancel', endDrag);
  } else {
    canvas.appendChild(el('p', 'empty', 'No diagram in this report.'));
  }

  document.getElementById('zoom-in').addEventListener('click', function () { zoomCentre(1.25); });
  document.getElementById('zoom-out').addEventListener('click', function () { zoomCentre(0.8); });
  document.getElementById('zoom-reset').addEventListener('click', resetView);

  function paintDiagram() {
    var filtering = state.family || state.relation;
    var active = {};
    var on = {};
    edges.forEach(function (e, i) {
      if (edgePasses(e)) {
        on[i] = true;
        active[e.from + ':' + e.to] = true;
      }
    });
    var linked = {};
    edgeGroups.forEach(function (x) {
      var pass = x.index >= 0 ? !!on[x.index] : !!active[x.from + ':' + x.to];
      var mine = state.actor >= 0 && (x.from === state.actor || x.to === state.actor);
      var off = !pass || (state.actor >= 0 && !mine);
      x.g.classList.toggle('off', off);
      x.g.classList.toggle('hl', mine && pass);
      if (!off) {
        linked[x.from] = true;
        linked[x.to] = true;
      }
    });
    nodeGroups.forEach(function (x) {
      var sel = x.actor === state.actor;
      var off = (filtering || state.actor >= 0) && !linked[x.actor] && !sel;
      x.g.classList.toggle('sel', sel);
      x.g.classList.toggle('off', !!off);
    });
  }

  /* ---------------------------------------------------------------- */
  /* Centrality table                                                  */

  var table = document.getElementById('centrality');
  var headRow = table.querySelector('thead tr');
  var body = table.querySelector('tbody');
  var heads = [];
  var rows = [];

  function columnTitle(name) {
    return name.replace(/_/g, ' ');
  }

  function sortValue(i, col) {
    if (col < 0) return (actors[i].label || actors[i].id).toLowerCase();
    var v = (actors[i].scores || [])[col];
    return typeof v === 'number' && isFinite(v) ? v : null;
  }

  function sortTable() {
    var col = state.sortCol;
    var dir = state.sortDir === 'ascending' ? 1 : -1;
    var order = actors.map(function (a, i) { return i; });
    order.sort(function (x, y) {
      var a = sortValue(x, col);
      var b = sortValue(y, col);
      /* Missing values go last whatever the direction. */
      if (a === null && b !== null) return 1;
      if (b === null && a !== null) return -1;
      if (a !== null && b !== null && a !== b) return (a < b ? -1 : 1) * dir;
      return x - y;
    });
    order.forEach(function (i) { body.appendChild(rows[i]); });
    heads.forEach(function (th, k) {
      if (k - 1 === col) th.setAttribute('aria-sort', state.sortDir);
      else th.removeAttribute('aria-sort');
    });
  }

  function addHead(text, col) {
    var th = el('th', null, text);
    th.setAttribute('scope', 'col');
    th.tabIndex = 0;
    th.setAttribute('data-col', String(col));
    function activate() {
      if (state.sortCol === col) {
        state.sortDir = state.sortDir === 'ascending' ? 'descending' : 'ascending';
      } else {
        state.sortCol = col;
        state.sortDir = col < 0 ? 'ascending' : 'descending';
      }
      sortTable();
    }
    th.addEventListener('click', activate);
    th.addEventListener('keydown', function (ev) {
      if (ev.key === 'Enter' || ev.key === ' ') {
        ev.preventDefault();
        activate();
      }
    });
    headRow.appendChild(th);
    heads.push(th);
  }

  addHead('actor', -1);
  columns.forEach(function (c, k) { addHead(columnTitle(c), k); });

  actors.forEach(function (a, i) {
    var tr = el('tr');
    tr.tabIndex = 0;
    tr.setAttribute('data-actor', a.id);
    var name = el('td');
    name.appendChild(el('span', 'name', a.label || a.id));
    if (a.label && a.label !== a.id) name.appendChild(el('span', 'id', a.id));
    tr.appendChild(name);
    columns.forEach(function (c, k) {
      tr.appendChild(el('td', null, formatNumber((a.scores || [])[k])));
    });
    tr.addEventListener('click', function () { selectActor(state.actor === i ? -1 : i); });
    tr.addEventListener('keydown', function (ev) {
      if (ev.key === 'Enter' || ev.key === ' ') {
        ev.preventDefault();
        selectActor(state.actor === i ? -1 : i);
      }
    });
    rows.push(tr);
    body.appendChild(tr);
  });
  document.getElementById('actor-count').textContent =
    actors.length + (actors.length === 1 ? ' actor' : ' actors');
  state.sortCol = columns.indexOf('pagerank');
  if (state.sortCol < 0) state.sortCol = columns.length ? 0 : -1;
  state.sortDir = state.sortCol < 0 ? 'ascending' : 'descending';
  sortTable();

  /* ---------------------------------------------------------------- */
  /* Relations and their evidence                                      */

  var relSelect = document.getElementById('filter-relation');
  var famSelect = document.getElementById('filter-family');
  var clearBtn = document.getElementById('clear-actor');
  var list = document.getElementById('edges');
  var status = document.getElementById('evidence-status');

  (function relationOptions() {
    var seen = {};
    var rels = [];
    edges.forEach(function (e) {
      if (!has(seen, e.relation)) {
        seen[e.relation] = true;
        rels.push({ label: e.relation, display: e.display || e.relation });
      }
    });
    rels.sort(function (a, b) { return a.label < b.label ? -1 : a.label > b.label ? 1 : 0; });
    rels.forEach(function (r) {
      var o = el('option', null, r.display === r.label ? r.label : r.label + ' (' + r.display + ')');
      o.value = r.label;
      relSelect.appendChild(o);
    });
  })();

  function familyTags(e) {
    var tags = [];
    if (isCoop(e)) tags.push(['coop', 'cooperation']);
    if (isConflict(e)) tags.push(['conflict', 'conflict']);
    if (e.trade) tags.push(['trade', 'trade']);
    return tags;
  }

  function edgeItem(e) {
    var li = el('li');
    li.setAttribute('data-from', actors[e.from] ? actors[e.from].id : '');
    li.setAttribute('data-to', actors[e.to] ? actors[e.to].id : '');
    li.setAttribute('data-relation', e.relation);
    var head = el('div', 'edge-head');
    var title = el('span', 'edge-title');
    title.appendChild(document.createTextNode(actorName(e.from) + ' '));
    title.appendChild(el('span', 'rel', e.display || e.relation));
    title.appendChild(document.createTextNode(' ' + actorName(e.to)));
    head.appendChild(title);
    familyTags(e).forEach(function (t) { head.appendChild(el('span', 'tag ' + t[0], t[1])); });
    var meta = [];
    meta.push(e.count + (e.count === 1 ? ' event' : ' events'));
    if (typeof e.docs === 'number') meta.push(e.docs + (e.docs === 1 ? ' document' : ' documents'));
    if (typeof e.goldstein_mean === 'number') meta.push('Goldstein ' + formatNumber(e.goldstein_mean));
    if (e.first_date) meta.push(e.first_date === e.last_date ? e.first_date : e.first_date + ' \u2192 ' + e.last_date);
    if (e.cameo) meta.push('CAMEO ' + e.cameo);
    head.appendChild(el('span', 'edge-meta', meta.join(' \u00b7 ')));
    li.appendChild(head);
    var ev = e.evidence || [];
    if (ev.length) {
      var ul = el('ul', 'quotes');
      ev.forEach(function (x) {
        var q = el('li');
        q.appendChild(el('q', null, x.text));
        var src = [];
        if (x.doc) src.push(x.doc);
        if (typeof x.sent === 'number' && x.sent >= 0) src.push('sentence ' + (x.sent + 1));
        if (x.date) src.push(x.date);
        if (src.length) q.appendChild(el('span', 'src', src.join(', ')));
        ul.appendChild(q);
      });
      li.appendChild(ul);
    }
    return li;
  }

  /* Busiest relations first; items are built when first shown, and only
   * PAGE at a time, so a graph of GDELT size stays quick. */
  var PAGE = 200;
  var items = [];
  var byCount = edges.map(function (e, i) { return i; });
  byCount.sort(function (x, y) { return (edges[y].count - edges[x].count) || (x - y); });
  var moreBtn = document.getElementById('more');
  var pending = [];

  function showMore() {
    pending.splice(0, PAGE).forEach(function (i) {
      if (!items[i]) items[i] = edgeItem(edges[i]);
      list.appendChild(items[i]);
    });
    moreBtn.hidden = pending.length === 0;
    moreBtn.textContent = pending.length <= PAGE ? 'Show the remaining ' + pending.length
      : 'Show ' + PAGE + ' more (' + pending.length + ' left)';
  }

  function paintEdges() {
    list.textContent = '';
    pending = byCount.filter(function (i) { return edgePasses(edges[i]) && touchesActor(edges[i]); });
    var shown = pending.length;
    showMore();
    var what = shown + (shown === 1 ? ' relation' : ' relations');
    if (state.actor >= 0) what += ' of ' + actorName(state.actor);
    if (state.family) what += ', family ' + state.family;
    if (state.relation) what += ', relation ' + state.relation;
    if (shown < edges.length || state.actor >= 0) what += ' (of ' + edges.length + ')';
    status.textContent = what;
  }

  function paintRows() {
    rows.forEach(function (tr, i) { tr.classList.toggle('sel', i === state.actor); });
    clearBtn.hidden = state.actor < 0;
  }

  function repaint() {
    paintDiagram();
    paintEdges();
    paintRows();
  }

  function selectActor(i) {
    state.actor = i;
    repaint();
  }

  famSelect.addEventListener('change', function () { state.family = famSelect.value; repaint(); });
  relSelect.addEventListener('change', function () { state.relation = relSelect.value; repaint(); });
  clearBtn.addEventListener('click', function () { selectActor(-1); });
  moreBtn.addEventListener('click', showMore);

  repaint();
})();
