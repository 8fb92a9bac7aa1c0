// Pump workflows on the patient page: each button drives a real programmer session to the patient's pump.
function initPump() {
  const sec = $('pump-section');
  if (!sec) return;
  const id = new URLSearchParams(location.search).get('id');
  const base = '/api/patients/' + id + '/pump/';
  let previewed = null;
  const show = (lines, table) => {
    const out = $('pump-result');
    out.innerHTML = '';
    lines.forEach(l => { const p = document.createElement('p'); p.textContent = l; out.append(p); });
    if (table) out.append(table);
  };
  const fail = (b) => { $('pump-error').textContent = (b.error || 'failed') + (b.allowed ? ' (allowed: ' + b.allowed + ')' : ''); };
  const second = (body) => { if ($('confirm-by').value) { body.confirmBy = $('confirm-by').value; body.confirmRole = $('confirm-role').value; } return body; };
  const checks = (cs) => (cs || []).map(c => c.verdict + ' [' + c.step + '] ' + c.reason);
  const status = (p) => p ? ['Pump ' + p.pumpTime.replace('T', ' ') + ': ' + p.delivery + ', reservoir ' + p.reservoir + ', battery ' + p.batteryPercent + '% ('
    + p.battery + '), ' + (p.dose || '-') + ' of ' + (p.drug || '-') + ' ' + (p.concentration || ''),
    'Active alarms: ' + (p.activeAlarms.length ? p.activeAlarms.join(', ') : 'none') + (p.interrogationRequired ? '; interrogation required' : '')] : [];
  const busy = async (fn) => { $('pump-error').textContent = ''; show(['Programmer session in progress...']); await fn(); };

  $('pump-interrogate').onclick = () => busy(async () => {
    const r = await post(base + 'interrogate', {});
    if (!r.ok) { show([]); fail(r.body); return; }
    show(status(r.body.pump).concat(['Session record ' + r.body.sessionRecordId + ' stored; new alarms recorded: ' + r.body.alarmsRecorded.length]));
  });
  $('pump-post-mri').onclick = () => busy(async () => {
    const r = await post(base + 'post-mri', {});
    if (!r.ok) { show([]); fail(r.body); return; }
    show([(r.body.passed ? 'Post-MRI check passed' : 'Post-MRI check NOT passed') + (r.body.scanId ? ' (scan ' + r.body.scanId + ' marked checked)' : '')]
      .concat(r.body.findings));
  });
  $('pump-dose-form').addEventListener('submit', (e) => { e.preventDefault(); busy(async () => {
    previewed = null;
    $('pump-dose-commit').disabled = true;
    const dose = $('pump-dose').value;
    const r = await post(base + 'dose/preview', {dose: dose});
    if (!r.ok) { show(['Refused by the safety chain; nothing was sent'].concat(checks(r.body.checks))); fail(r.body); return; }
    const t = document.createElement('table');
    t.id = 'pump-preview';
    const h = document.createElement('tr');
    ['', 'Now', 'Proposed'].forEach(x => { const c = document.createElement('th'); c.textContent = x; h.append(c); });
    t.append(h);
    r.body.sideBySide.forEach(row => { const tr = document.createElement('tr'); row.forEach(x => tr.append(td(x))); t.append(tr); });
    show(['Preview (checksum ' + r.body.checksum + ')' + (r.body.secondPersonRequired ? ': a second person must confirm' : '')]
      .concat(checks(r.body.checks)), t);
    previewed = {dose: dose, checksum: r.body.checksum};
    $('pump-dose-commit').disabled = false;
  }); });
  $('pump-dose-commit').onclick = () => { if (!previewed) return; busy(async () => {
    const r = await post(base + 'dose/commit', second({dose: previewed.dose, checksum: previewed.checksum}));
    previewed = null;
    $('pump-dose-commit').disabled = true;
    if (!r.ok) { show(checks(r.body.checks)); fail(r.body); return; }
    show(['Committed and read back: ' + r.body.outcome.detail]);
    await refreshPatient();
  }); };
  $('pump-refill-form').addEventListener('submit', (e) => { e.preventDefault(); busy(async () => {
    const body = second({fill: $('pump-fill').value});
    if ($('pump-withdrawn').value) body.withdrawn = $('pump-withdrawn').value;
    if ($('pump-concentration').value) body.concentration = $('pump-concentration').value;
    const r = await post(base + 'refill', body);
    if (!r.ok) { show(checks(r.body.checks).concat((r.body.steps || []).map(s => s.result + ': ' + s.action + ' - ' + (s.detail || '')))); fail(r.body); return; }
    show([r.body.summary, 'Expected ' + r.body.expected + ', withdrawn ' + r.body.withdrawn + ' (' + r.body.withdrawnMeasuredBy + ')',
      r.body.bridge || 'no bridge bolus', 'Refill ' + r.body.refillId + ' recorded; session record ' + r.body.sessionRecordId].concat(status(r.body.pump)));
    await refreshPatient();
  }); });
}
