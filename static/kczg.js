// Deadline countdown: the server states the deadline (+08:00); the page only counts down.
(function () {
  function tick() {
    document.querySelectorAll('.countdown[data-deadline]').forEach(function (el) {
      var left = Date.parse(el.getAttribute('data-deadline')) - Date.now();
      if (isNaN(left)) return;
      if (left <= 0) { el.textContent = '0'; return; }
      var s = Math.floor(left / 1000), d = Math.floor(s / 86400), h = Math.floor(s % 86400 / 3600),
          m = Math.floor(s % 3600 / 60);
      var u = (el.getAttribute('data-units') || 'd,h,m,s').split(',');
      el.textContent = (d ? d + u[0] + ' ' : '') + h + u[1] + ' ' + m + u[2] + ' ' + (s % 60) + u[3];
    });
  }
  document.addEventListener('DOMContentLoaded', function () { tick(); setInterval(tick, 1000); });
})();

// Draft autosave: every few seconds, when something changed, the form's values go to the
// API with the session's CSRF token. The server keeps the draft; the page only reports.
(function () {
  function collect(form) {
    var body = { values: {}, unit_id: 0, field: '' };
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name) return;
      if (el.type === 'checkbox' && !el.checked) return;
      if (el.name === 'unit_id') body.unit_id = parseInt(el.value, 10) || 0;
      else if (el.name === 'campaign_field') body.field = el.value;
      else if (el.name.indexOf('v_') === 0) body.values[el.name.slice(2)] = el.value;
    });
    return body;
  }
  document.addEventListener('DOMContentLoaded', function () {
    var form = document.querySelector('form[data-autosave]');
    if (!form) return;
    var status = document.getElementById('autosave-status');
    var last = JSON.stringify(collect(form));
    var busy = false;
    function save() {
      var now = JSON.stringify(collect(form));
      if (now === last || busy) return;
      busy = true;
      fetch(form.getAttribute('data-autosave'), {
        method: 'PUT',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': form.getAttribute('data-csrf') },
        body: now
      }).then(function (r) {
        return r.json().then(function (j) {
          if (!r.ok) throw new Error(j.message || r.status);
          last = now;
          if (status) status.textContent = (status.getAttribute('data-saved') || '✓') + ' ' + j.saved_at.slice(11, 19);
          showEligibility(j);
        });
      }).catch(function (e) {
        if (status) status.textContent = (status.getAttribute('data-failed') || '!') + ' ' + e.message;
      }).finally(function () { busy = false; });
    }
    setInterval(save, 4000);
    // A choice, a date or a checkbox is a finished answer: its verdict should not wait.
    form.addEventListener('change', save);
  });

  // The eligibility panel follows each save: the server judges, the page only shows.
  function showEligibility(j) {
    var section = document.getElementById('eligibility');
    if (!section || !j.eligibility) return;
    var body = section.querySelector('#eligibility-findings tbody');
    while (body.firstChild) body.removeChild(body.firstChild);
    j.eligibility.forEach(function (f) {
      var tr = document.createElement('tr');
      tr.setAttribute('data-rule', f.rule);
      tr.setAttribute('data-verdict', f.verdict);
      var th = document.createElement('th');
      th.scope = 'row';
      th.textContent = f.condition;
      var verdict = document.createElement('td');
      verdict.className = 'verdict verdict-' + f.verdict;
      verdict.textContent = f.verdict_label;
      var why = document.createElement('td');
      why.textContent = f.explanation;
      tr.appendChild(th);
      tr.appendChild(verdict);
      tr.appendChild(why);
      body.appendChild(tr);
    });
    var overall = document.getElementById('eligibility-verdict');
    if (overall) {
      overall.setAttribute('data-verdict', j.eligibility_verdict);
      overall.textContent = j.eligibility_verdict_label;
    }
  }
})();

// Charts: each .chart holds its data (kind, labels, values) from the server, drawn with
// ECharts (installed at set-up) when the page loaded it; the table beside it stays the
// reading for everyone else.
(function () {
  document.addEventListener('DOMContentLoaded', function () {
    if (!window.echarts) return;
    document.querySelectorAll('.chart[data-chart]').forEach(function (el) {
      var data;
      try { data = JSON.parse(el.getAttribute('data-chart')); } catch (e) { return; }
      if (!data.labels || data.labels.length === 0) { el.hidden = true; return; }
      var chart = window.echarts.init(el, null, { renderer: 'canvas' });
      var horizontal = data.kind === 'bar';
      chart.setOption({
        animation: false,
        grid: { left: 8, right: 16, top: 8, bottom: data.series ? 32 : 8, containLabel: true },
        tooltip: { trigger: 'axis' },
        xAxis: horizontal ? { type: 'value', minInterval: 1 } : { type: 'category', data: data.labels },
        yAxis: horizontal ? { type: 'category', data: data.labels, inverse: true } : { type: 'value', minInterval: 1 },
        legend: data.series ? { bottom: 0 } : undefined,
        series: data.series
          ? data.series.map(function (s) { return { type: 'bar', name: s.name, data: s.values }; })
          : [{ type: data.kind === 'line' ? 'line' : 'bar', data: data.values }]
      });
      window.addEventListener('resize', function () { chart.resize(); });
    });
  });
})();
