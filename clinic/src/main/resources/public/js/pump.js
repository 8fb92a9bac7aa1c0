// Pump workflows on the patient page: each button drives a real programmer session to the patient's pump.
// A dose change is a clinician's order and a transaction: preview (the pump's old beside new), then a confirmation
// screen that restates exactly what will be committed; any edit or any other pump action cancels it (the server
// cancels the preview too), and the commit names the preview's token, never the field's current text.
function initPump() {
  const sec = $('pump-section');
  if (!sec) return;
  const id = new URLSearchParams(location.search).get('id');
  const base = '/api/patients/' + id + '/pump/';
  let previewed = null; // {token, dose, key}
  let refillKey = newKey();
  let refillConfirm = null; // {token, request JSON} of the plan the user saw
  const doseSecond = secondPerson('pump-dose', id, 'pump/dose/commit');
  const refillSecond = secondPerson('pump-refill', id, 'pump/refill');
  const show = (lines, extra) => {
    const out = $('pump-result');
    out.innerHTML = '';
    lines.forEach(l => { const p = document.createElement('p'); p.textContent = l; out.append(p); });
    if (extra) out.append(extra);
  };
  const fail = (b) => { $('pump-error').textContent = explain(b); };
  const checks = (cs) => (cs || []).map(c => c.verdict + ' [' + c.step + '] ' + c.reason);
  const status = (p) => p ? ['Pump ' + humanTime(p.pumpTime) + ': ' + p.delivery + ', reservoir ' + p.reservoir + ', battery ' + p.batteryPercent + '% ('
    + p.battery + '), ' + (p.dose || '-') + ' of ' + (p.drug || '-') + ' ' + (p.concentration || ''),
    'Active alarms: ' + (p.activeAlarms.length ? p.activeAlarms.join(', ') : 'none') + (p.interrogationRequired ? '; interrogation required' : '')] : [];
  // Cancels the dose confirmation screen: nothing can be committed until a new preview.
  const cancelConfirmation = (why) => {
    if (previewed && why) show([why]);
    previewed = null;
    $('pump-confirm').hidden = true;
    $('pump-dose-commit').disabled = true;
    doseSecond.reset();
  };
  const busy = async (fn) => { $('pump-error').textContent = ''; show(['Programmer session in progress...']); await fn(); };
  // Any other pump action cancels a pending dose confirmation first.
  const action = (fn) => () => { cancelConfirmation('The dose change preview was cancelled by another pump action; preview again.'); return busy(fn); };

  $('pump-interrogate').onclick = action(async () => {
    const r = await post(base + 'interrogate', {});
    if (!r.ok) { show([]); fail(r.body); return; }
    show(status(r.body.pump).concat(['Session record ' + r.body.sessionRecordId + ' stored; new alarms recorded: ' + r.body.alarmsRecorded.length]));
  });
  $('pump-post-mri').onclick = action(async () => {
    const r = await post(base + 'post-mri', {});
    if (!r.ok) { show([]); fail(r.body); return; }
    show([(r.body.passed ? 'Post-MRI check passed' : 'Post-MRI check NOT passed') + (r.body.scanId ? ' (scan ' + r.body.scanId + ' marked checked)' : '')]
      .concat(r.body.findings));
    await refreshPatient();
  });
  ['input', 'change'].forEach(ev => $('pump-dose').addEventListener(ev, () => cancelConfirmation('The dose was edited: the preview is cancelled; preview the new dose.')));
  $('pump-dose-form').addEventListener('submit', (e) => { e.preventDefault(); cancelConfirmation(null); busy(async () => {
    const dose = $('pump-dose').value;
    const r = await post(base + 'dose/preview', {therapyVersion: therapyVersion, dose: dose});
    if (!r.ok) { show(['Refused; nothing was sent to the pump'].concat(checks(r.body.checks))); fail(r.body); return; }
    const t = $('pump-preview');
    t.innerHTML = '';
    const h = document.createElement('tr');
    ['', 'Now (pump)', 'After commit'].forEach(x => { const c = document.createElement('th'); c.textContent = x; h.append(c); });
    t.append(h);
    r.body.sideBySide.forEach(row => {
      const tr = document.createElement('tr');
      if (row[1] !== row[2]) tr.className = 'changed';
      row.forEach(x => tr.append(td(x)));
      t.append(tr);
    });
    $('pump-confirm-what').textContent = 'You are about to program the pump: ' + r.body.summary + '.';
    const cl = $('pump-checks');
    cl.innerHTML = '';
    checks(r.body.checks).forEach(c => { const li = document.createElement('li'); li.textContent = c; cl.append(li); });
    $('pump-second-note').textContent = r.body.secondPersonRequired ? 'A second person must confirm this change.' : 'No second person is required for this change.';
    previewed = {token: r.body.previewToken, dose: dose, key: newKey()};
    doseSecond.source(() => ({previewToken: previewed.token}));
    $('pump-confirm').hidden = false;
    $('pump-dose-commit').disabled = false;
    show(['Preview ready (checksum ' + r.body.checksum + '): confirm below.']);
  }); });
  $('pump-dose-cancel').onclick = () => cancelConfirmation('Cancelled: nothing was sent to the pump.');
  $('pump-dose-commit').onclick = () => { if (!previewed) return; const p = previewed; $('pump-dose-commit').disabled = true; busy(async () => {
    const body = Object.assign({previewToken: p.token}, doseSecond.proof({previewToken: p.token}));
    const r = await post(base + 'dose/commit', body, p.key);
    if (!r.ok) {
      // A missing second person keeps the confirmation open; anything else ends it.
      if (r.body.field === 'secondPerson' || r.body.field === 'secondPerson.password' || r.body.field === 'cosignId') { $('pump-dose-commit').disabled = false; p.key = newKey(); }
      else cancelConfirmation(null);
      show(checks(r.body.checks)); fail(r.body); return;
    }
    cancelConfirmation(null);
    show([r.body.summary, 'Second person: ' + (r.body.secondPerson || 'none required')]);
    $('pump-dose').value = '';
    await refreshPatient();
  }); };

  // Refill through the programmer. A concentration change (clinicians) first shows the new alarm and refill-by dates.
  ['pump-fill', 'pump-withdrawn', 'pump-concentration'].forEach(f => $(f).addEventListener('input', () => { refillConfirm = null; $('pump-refill-plan').hidden = true; refillKey = newKey(); }));
  const refillRequest = () => {
    const request = {therapyVersion: therapyVersion, fill: $('pump-fill').value};
    if ($('pump-withdrawn').value) request.withdrawn = $('pump-withdrawn').value;
    if ($('pump-concentration').value) request.concentration = $('pump-concentration').value;
    if (refillConfirm && $('pump-refill-plan-ok').checked) request.confirmed = refillConfirm;
    return request;
  };
  refillSecond.source(refillRequest);
  $('pump-refill-form').addEventListener('submit', (e) => { e.preventDefault(); cancelConfirmation(null); busy(async () => {
    const request = refillRequest();
    const body = Object.assign({}, request, refillSecond.proof(request));
    const r = await post(base + 'refill', body, refillKey);
    if (r.body.confirmationRequired) {
      refillConfirm = r.body.confirmationToken;
      $('pump-refill-plan-text').textContent = 'New dates: ' + r.body.plan.text + '.';
      $('pump-refill-plan-ok').checked = false;
      $('pump-refill-plan').hidden = false;
      refillKey = newKey();
      show(['Review the new dates, tick the box, have the second person sign, then refill again.']);
      return;
    }
    if (!r.ok) { refillKey = newKey(); show(checks(r.body.checks).concat((r.body.steps || []).map(s => s.result + ': ' + s.action + ' - ' + (s.detail || '')))); fail(r.body); return; }
    refillKey = newKey();
    refillConfirm = null;
    $('pump-refill-plan').hidden = true;
    refillSecond.reset();
    show([r.body.summary, 'Expected ' + r.body.expected + ', withdrawn ' + r.body.withdrawn + ' (' + r.body.withdrawnMeasuredBy + ')',
      r.body.bridge || 'no bridge bolus', 'Next refill by ' + humanTime(r.body.refillBy),
      'Refill ' + r.body.refillId + ' recorded; session record ' + r.body.sessionRecordId].concat(status(r.body.pump)));
    await refreshPatient();
  }); });
}
