// OpenITB clinic web UI: plain JavaScript, no build step, no external assets.
let csrf = null;
const $ = (id) => document.getElementById(id);
const td = (text) => { const c = document.createElement('td'); c.className = 'govuk-table__cell'; c.textContent = text; return c; };
const mcg = (ng) => (ng / 1000).toString();
const ml = (nl) => (nl / 1e6).toFixed(3) + ' mL';

async function me() {
  const r = await fetch('/api/me');
  if (r.status === 401) { location.href = '/login.html'; throw new Error('not logged in'); }
  const m = await r.json();
  csrf = m.csrfToken;
  currentUser = m;
  document.body.dataset.role = m.role;
  $('who').textContent = m.username + ' (' + m.role + ')';
  $('logout').onclick = async () => { await post('/api/logout', {}); location.href = '/login.html'; };
  return m;
}

// A POST; with a key (the form's idempotency key) a double submit is recorded once and answers the first result. A second
// send that arrives while the first is still being processed is told so (409); it waits and asks again under the same
// key, so both show the first result rather than an error.
async function post(url, body, key) {
  const headers = {'Content-Type': 'application/json', 'X-CSRF-Token': csrf};
  if (key) headers['Idempotency-Key'] = key;
  for (let attempt = 0; ; attempt++) {
    const r = await fetch(url, {method: 'POST', headers: headers, body: JSON.stringify(body)});
    let b = {};
    try { b = await r.json(); } catch (e) { b = {error: 'the server answered ' + r.status}; }
    if (key && stillProcessing(r.status, b) && attempt < 20) { await new Promise(done => setTimeout(done, 250)); continue; }
    return {ok: r.ok, status: r.status, body: b};
  }
}

// The server's answer to a second send of one form while the first is still being processed.
function stillProcessing(status, b) {
  return status === 409 && b.field === 'Idempotency-Key' && b.allowed === 'one submission per form';
}

// A fresh idempotency key for one drawing of a form (a new one after each success or edit).
function newKey() {
  const a = new Uint8Array(16);
  crypto.getRandomValues(a);
  return Array.from(a, x => x.toString(16).padStart(2, '0')).join('');
}

// A form's idempotency key: the same for every send of one drawing (a double submit is recorded once), a new one after
// an edit or a success (renew).
function formKey() {
  let key = newKey();
  return {get: () => key, renew: () => { key = newKey(); return key; }};
}

// The idempotency key of one form element: any edit in the form (input and change events bubble up to it) renews it, so
// a double submit of the same values sends one key (one record, the second answer is the first) and a corrected form is
// a new submission. Call renew() after a success, so the next entry is a new record.
function editedFormKey(form) {
  const key = formKey();
  form.addEventListener('input', key.renew);
  form.addEventListener('change', key.renew);
  return key;
}

// The daily total of a typed dose, as the server computes it: "Entered per hour: ..." when it was typed per hour.
function echoText(ok, b) {
  return ok ? (b.enteredPerHour ? 'Entered per hour: ' : '') + b.described : explain(b);
}

// The daily-total echo of a dose field: asks the server (ask(query) resolves to {ok, body}) and shows (show(text)) only
// the answer to the latest keystroke: answers can arrive out of order, and an emptied field drops those still on their way.
function dailyTotalEcho(ask, show) {
  let echoSeq = 0;
  return async (flex, dose) => {
    const seq = ++echoSeq;
    if (!flex && !dose) { show(''); return; }
    const r = await ask(flex ? 'flex=' + encodeURIComponent(flex) : 'dose=' + encodeURIComponent(dose));
    if (seq !== echoSeq) return;
    show(echoText(r.ok, r.body));
  };
}

// Who is logged in (set by me()).
let currentUser = null;
// The patient's therapy version as last read: every write against the therapy sends it (409 when someone changed it meanwhile).
let therapyVersion = null;

async function loadDashboard() {
  await me();
  const items = await (await fetch('/api/dashboard')).json();
  const tb = $('dashboard').querySelector('tbody');
  items.forEach((it, i) => {
    const tr = document.createElement('tr');
    tr.className = it.overdue ? 'overdue' : '';
    tr.dataset.rank = i;
    const status = td(dueStatus(it));
    status.className = 'status';
    tr.append(status, td(KIND_TEXT[it.kind] || it.kind));
    const name = document.createElement('td');
    const a = document.createElement('a');
    a.href = '/patient.html?id=' + it.patientId;
    a.textContent = it.name;
    a.className = 'patient-link';
    name.append(a);
    const detail = td(it.detail + ' ');
    if (it.kind === 'REFILL') {
      const ws = document.createElement('a');
      ws.href = '/worksheet.html?id=' + it.patientId;
      ws.className = 'worksheet-link';
      ws.textContent = 'Refill worksheet';
      detail.append(ws);
    }
    tr.append(name, td(it.mrn), td(humanDate(it.due)), detail);
    tb.append(tr);
  });
}

// A dashboard row's status. One due date per row, with its reason: an overdue row says so instead of a day count that
// could contradict it (a refill past its refill-by date while its alarm date is still weeks away is overdue).
function dueStatus(it) {
  if (it.overdue) return 'OVERDUE';
  if (it.daysLeft <= 0) return 'today';
  return 'in ' + it.daysLeft + (it.daysLeft === 1 ? ' day' : ' days');
}

const KIND_TEXT = {REFILL: 'Refill', REPLACEMENT: 'Pump replacement', POST_MRI_CHECK: 'Post-MRI check', DISCREPANCY: 'Refill discrepancy'};

// The API's refusal in words: the field, the value sent and what is allowed.
function explain(b) {
  if (!b) return 'failed';
  return (b.field ? b.field + ': ' : '') + (b.error || 'failed') + (b.value ? " (got '" + b.value + "')" : '') + (b.allowed ? ' - allowed: ' + b.allowed : '');
}

function renderPrescriptions(list) {
  const pt = $('prescriptions').querySelector('tbody');
  pt.innerHTML = '';
  list.forEach(x => { const tr = document.createElement('tr'); tr.append(td(humanTime(x.startAt)), td(mcg(x.doseNgPerDay) + ' mcg/day'), td(mcg(x.concentrationNgPerMl) + ' mcg/mL'), td(x.prescribedBy)); pt.append(tr); });
}

// Every part of the page that shows the record, drawn again (charts reloaded) after anything changed it.
let patientVersion = 0;
function renderPatient(id, p) {
  const version = ++patientVersion;
  therapyVersion = p.therapyVersion;
  $('patient-name').textContent = p.name + ' (' + p.mrn + ')';
  $('patient-summary').textContent = p.etiology.toLowerCase() + ', ' + p.ageGroup.toLowerCase() + ', ' + kg(p.weightGrams)
    + (p.dateOfBirth ? ', born ' + humanDate(p.dateOfBirth) : '') + (p.catheterTip ? ', catheter tip ' + p.catheterTip : '')
    + (p.contact ? '; contact: ' + p.contact : '');
  const imp = p.implants[0];
  const rx = p.prescriptions[0];
  $('therapy').textContent = (imp ? imp.pumpModel + ' serial ' + imp.serial + ', implanted ' + humanDate(imp.implantDate) : 'no implant')
    + (rx ? '; baclofen ' + mcg(rx.concentrationNgPerMl) + ' mcg/mL at ' + mcg(rx.doseNgPerDay) + ' mcg/day' : '');
  $('id-card').href = '/api/patients/' + id + '/id-card.pdf';
  $('discharge').href = '/api/patients/' + id + '/discharge.pdf';
  $('calendar').href = '/api/patients/' + id + '/calendar.ics';
  if ($('worksheet-link')) $('worksheet-link').href = '/worksheet.html?id=' + id;
  $('dose-chart').src = '/api/patients/' + id + '/charts/dose/svg?v=' + version;
  $('reservoir-chart').src = '/api/patients/' + id + '/charts/reservoir/svg?v=' + version;
  $('battery-chart').src = '/api/patients/' + id + '/charts/battery/svg?v=' + version;
  const plan = $('plan');
  plan.innerHTML = '';
  p.plan.forEach(it => { const li = document.createElement('li'); li.textContent = (KIND_TEXT[it.kind] || it.kind) + ' ' + (it.overdue ? 'OVERDUE' : 'due ' + humanDate(it.due)) + ': ' + it.detail; plan.append(li); });
  const rt = $('refills').querySelector('tbody');
  rt.innerHTML = '';
  p.refills.forEach(f => {
    const tr = document.createElement('tr');
    tr.dataset.refill = f.id;
    const link = document.createElement('a');
    link.href = '/api/patients/' + id + '/refills/' + f.id + '/record.pdf';
    link.textContent = 'record';
    const c = document.createElement('td'); c.append(link);
    const flag = td(f.flagged ? (f.resolved ? 'resolved' : 'FLAGGED') : '');
    flag.classList.add('flag');
    if (f.flagged && !f.resolved) tr.className = 'flagged';
    tr.append(td(humanTime(f.at)), td(ml(f.expectedNl)), td(ml(f.withdrawnNl)), flag,
      td(ml(f.fillNl)), td(mcg(f.concentrationNgPerMl)), td(humanDate(f.refillBy)), c);
    rt.append(tr);
  });
  if (typeof renderDiscrepancies === 'function') renderDiscrepancies(p.refills);
  renderPrescriptions(p.prescriptions);
}

// After a pump session or a refill changed the record: the header, plan, tables and charts show the new state.
async function refreshPatient() {
  const id = new URLSearchParams(location.search).get('id');
  const r = await fetch('/api/patients/' + id);
  if (r.ok) renderPatient(id, await r.json());
}

async function loadPatient() {
  const who = await me();
  const id = new URLSearchParams(location.search).get('id');
  if (who.role === 'PATIENT') { document.querySelectorAll('.staff').forEach(e => e.remove()); $('nav-dashboard').remove(); }
  const r = await fetch('/api/patients/' + id);
  const p = await r.json();
  if (!r.ok) { $('patient-name').textContent = p.error; return; }
  renderPatient(id, p);
  if (typeof initPatientEdit === 'function') initPatientEdit(id, p);
  const form = $('refill-form');
  if (form) {
    initRefillForm(id, form);
    // The expected residual volume the worksheet shows (from the last refill, or the fill at implant): left empty, the
    // server computes it at the moment of the refill; a value from another programmer may be typed instead.
    const w = await fetch('/api/patients/' + id + '/worksheet');
    if (w.ok) { const ws = await w.json(); if (ws.expectedResidual) $('expected').placeholder = 'now about ' + ws.expectedResidual + ' (leave empty to use it)'; }
  }

}

// "2026-11-24T09:00:00.123" -> "24 Nov 2026 09:00"; "2026-11-24" -> "24 Nov 2026" (dates as people read them).
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
function humanDate(iso) {
  if (!iso) return '-';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? Number(m[3]) + ' ' + MONTHS[Number(m[2]) - 1] + ' ' + m[1] : iso;
}
function humanTime(iso) {
  if (!iso) return '-';
  const t = /T(\d{2}):(\d{2})/.exec(iso);
  return humanDate(iso) + (t ? ' ' + t[1] + ':' + t[2] : '');
}
// Grams -> "70.5 kg" (to 0.1 kg).
function kg(grams) {
  return (Math.round(grams / 100) / 10).toFixed(1) + ' kg';
}

// The refill form: once per drawing (idempotency key), at the therapy version read; a concentration change (clinicians)
// first shows the new dates to tick, then needs the second person.
function initRefillForm(id, form) {
  let key = newKey();
  let planToken = null;
  const second = secondPerson('refill', id, 'refills');
  const request = () => {
    const body = {therapyVersion: therapyVersion, withdrawn: $('withdrawn').value, fill: $('fill').value};
    if ($('expected').value.trim()) body.expected = $('expected').value.trim();
    if ($('concentration').value) body.concentration = $('concentration').value;
    if (planToken && $('refill-plan-ok').checked) body.confirmed = planToken;
    return body;
  };
  second.source(request);
  ['expected', 'withdrawn', 'fill', 'concentration'].forEach(f => $(f).addEventListener('input', () => { key = newKey(); planToken = null; $('refill-plan').hidden = true; }));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const button = $('refill-submit');
    button.disabled = true;
    try {
      const body = request();
      const res = await post('/api/patients/' + id + '/refills', Object.assign({}, body, second.proof(body)), key);
      if (res.body.confirmationRequired) {
        planToken = res.body.confirmationToken;
        $('refill-plan-text').textContent = 'New dates: ' + res.body.plan.text + '.';
        $('refill-plan-ok').checked = false;
        $('refill-plan').hidden = false;
        key = newKey();
        $('refill-error').textContent = 'Review the new dates and tick the box; a second person signs; then record again.';
        return;
      }
      if (!res.ok) { key = newKey(); $('refill-error').textContent = explain(res.body); return; }
      $('refill-error').textContent = '';
      key = newKey();
      planToken = null;
      $('refill-plan').hidden = true;
      second.reset();
      const out = $('refill-result');
      out.innerHTML = '';
      const lines = ['Refill recorded. Discrepancy ' + res.body.discrepancyText + (res.body.flagged ? ' - FLAGGED: ' + res.body.interpretation : ' (within limit)'),
        'Alarm date: ' + humanTime(res.body.alarmAt) + '; refill by: ' + humanDate(res.body.refillBy)];
      if (res.body.bridgeDetail) lines.push(res.body.bridgeDetail);
      if (res.body.secondPerson) lines.push('Second person: ' + res.body.secondPerson);
      res.body.warnings.forEach(w => lines.push('Warning: ' + w));
      lines.forEach((l, i) => { const p = document.createElement('p'); p.textContent = l; if (i === 2 && res.body.bridgeDetail) p.id = 'bridge'; out.append(p); });
      ['expected', 'withdrawn', 'fill'].forEach(f => { $(f).value = ''; });
      $('concentration').value = '';
      await refreshPatient();
    } finally { button.disabled = false; }
  });
}
