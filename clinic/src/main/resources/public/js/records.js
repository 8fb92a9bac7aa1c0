// Patient-page forms for clinical records: screening trials (with the server's starting-dose suggestion),
// prescriptions (with the server's safety findings), MRI scans and their post-MRI checks.
// Every dose and every check is computed by the server; this page only sends what was typed and shows the answer.
async function initRecords() {
  const id = new URLSearchParams(location.search).get('id');
  const base = '/api/patients/' + id;
  if (!$('trial-form') && !$('prescription-form') && !$('mri-form')) return;
  const lines = (el, texts) => { el.innerHTML = ''; texts.forEach(t => { const p = document.createElement('p'); p.textContent = t; el.append(p); }); };
  const optional = (body, key, el) => { if ($(el).value.trim()) body[key] = $(el).value.trim(); return body; };
  const refreshChart = (name) => { const img = $(name + '-chart'); if (img) img.src = base + '/charts/' + name + '/svg?t=' + Date.now(); };

  const reload = async () => {
    const r = await fetch(base);
    if (!r.ok) return;
    const p = await r.json();
    renderTrials(p.trials);
    renderMri(p.mriScans);
    renderPrescriptions(p.prescriptions);
    // Start from the concentration in the reservoir now: a different one needs a refill, not just a new prescription.
    const rx = p.prescriptions[0];
    if (rx && $('rx-concentration') && !rxTouched) {
      const now = mcg(rx.concentrationNgPerMl) + ' mcg/mL';
      if ([...$('rx-concentration').options].some(o => o.value === now)) $('rx-concentration').value = now;
    }
  };
  let rxTouched = false;
  if ($('rx-concentration')) $('rx-concentration').addEventListener('change', () => { rxTouched = true; });

  // The server's suggestion in a few words (no arithmetic here).
  const suggestionText = (s) => !s ? '' : s.outcome === 'NONE' ? s.reason : s.startingDose ? 'start at ' + s.startingDose
    : s.outcome === 'NEXT_TEST_DOSE' ? 'next test dose ' + s.nextTestDose : 'not a candidate';

  const renderTrials = (trials) => {
    const tb = $('trials') && $('trials').querySelector('tbody');
    if (!tb) return;
    tb.innerHTML = '';
    trials.forEach(t => {
      const tr = document.createElement('tr');
      tr.append(td(humanTime(t.at)), td(mcg(t.doseNg) + ' mcg'), td(t.ashworthBefore + ' -> ' + t.ashworthAfter),
        td(t.pennBefore + ' -> ' + t.pennAfter), td(t.effectHours + ' h'), td(t.sideEffects ? 'yes' : 'no'), td(t.recordedBy),
        td(suggestionText(t.suggestion)));
      tb.append(tr);
    });
  };

  const renderMri = (scans) => {
    const tb = $('mri-scans') && $('mri-scans').querySelector('tbody');
    if (!tb) return;
    tb.innerHTML = '';
    const sel = $('mri-check-scan');
    sel.innerHTML = '';
    scans.forEach(s => {
      const tr = document.createElement('tr');
      tr.dataset.scan = s.id;
      tr.className = s.checkedAt ? 'checked' : 'unchecked';
      tr.append(td(humanTime(s.scanAt)), td(s.fieldStrength + (s.outsideLabel ? ' (outside the pump\'s label)' : '')),
        td(s.checkedAt ? 'checked' : 'CHECK DUE'), td(s.checkedAt ? humanTime(s.checkedAt) + (s.checkedBy ? ' by ' + s.checkedBy : '') : ''),
        td(s.checkResult || ''));
      tb.append(tr);
      if (!s.checkedAt) {
        const o = document.createElement('option');
        o.value = s.id;
        o.textContent = 'scan ' + s.id + ' at ' + humanTime(s.scanAt) + ' (' + s.fieldStrength + ')';
        sel.append(o);
      }
    });
    syncCheckButton();
  };
  // Only a scan not yet checked can get its post-MRI check.
  const syncCheckButton = () => { if ($('mri-check-submit')) $('mri-check-submit').disabled = $('mri-check-scan').options.length === 0; };

  // Each form carries its idempotency key (renewed by any edit and after a success): a double submit records once.
  const form = (formId, errorId, handler) => {
    const f = $(formId);
    if (!f) return;
    const key = editedFormKey(f);
    f.addEventListener('submit', async (e) => {
      e.preventDefault();
      $(errorId).textContent = '';
      const button = f.querySelector('button[type=submit]');
      button.disabled = true;
      try { await handler(key); } finally { button.disabled = false; syncCheckButton(); }
    });
  };

  form('trial-form', 'trial-error', async (key) => {
    const body = {dose: $('trial-dose').value, ashworthBefore: $('trial-mas-before').value, ashworthAfter: $('trial-mas-after').value,
      pennBefore: $('trial-penn-before').value.trim(), pennAfter: $('trial-penn-after').value.trim(), effectHours: $('trial-hours').value.trim(),
      sideEffects: $('trial-side-effects').checked};
    optional(body, 'at', 'trial-at');
    const r = await post(base + '/trials', body, key.get());
    if (!r.ok) { $('trial-result').innerHTML = ''; $('trial-error').textContent = explain(r.body); return; }
    key.renew();
    const s = r.body.suggestion;
    const out = $('trial-result');
    lines(out, ['Trial recorded: ' + mcg(r.body.doseNg) + ' mcg, ' + (s.responded ? 'positive response' : 'no positive response')
      + ' (' + s.responseRule + ').']);
    const box = document.createElement('div');
    box.id = 'trial-suggestion';
    const head = document.createElement('p');
    head.id = 'trial-starting-dose';
    head.textContent = s.startingDose ? 'Suggested starting dose: ' + s.startingDose
      : (s.outcome === 'NEXT_TEST_DOSE' ? 'Next test dose: ' + s.nextTestDose + ' not before ' + humanTime(s.nextTestNotBefore)
        : 'Not a candidate for an implanted pump');
    const why = document.createElement('p');
    why.id = 'trial-reason';
    why.textContent = 'Why: ' + s.reason + ' [' + s.outcome + ']';
    const lim = document.createElement('p');
    lim.id = 'trial-limits';
    lim.textContent = 'Limits: usual ' + s.usualRange + '; hard maximum ' + s.hardMax;
    box.append(head, why, lim);
    s.notes.forEach(n => { const p = document.createElement('p'); p.className = 'note'; p.textContent = 'Note: ' + n; box.append(p); });
    out.append(box);
    await reload();
  });

  let rxToken = null;
  let rxKey = newKey();
  const clearRxConfirmation = () => { rxToken = null; rxKey = newKey(); $('rx-confirm').checked = false; $('rx-confirm-label').hidden = true; };
  // The daily total of what is typed, from the server, always shown (an entry per hour is converted, never guessed).
  // Only the answer to the latest keystroke is shown: answers can arrive out of order (dailyTotalEcho, tested in JsUnitTest).
  const echoNow = dailyTotalEcho(async (query) => {
    const r = await fetch('/api/daily-total?' + query);
    return {ok: r.ok, body: await r.json()};
  }, (text) => { $('rx-total').textContent = text; });
  const echo = () => echoNow($('rx-flex').value.trim(), $('rx-dose').value.trim());
  ['rx-dose', 'rx-flex'].forEach(f => { if ($(f)) $(f).addEventListener('input', echo); });
  ['rx-dose', 'rx-flex', 'rx-pb-dose', 'rx-pb-lockout', 'rx-pb-max', 'rx-concentration', 'rx-alarm', 'rx-start'].forEach(f => { if ($(f)) { $(f).addEventListener('input', clearRxConfirmation); $(f).addEventListener('change', clearRxConfirmation); } });
  form('prescription-form', 'rx-error', async () => {
    const body = {therapyVersion: therapyVersion, concentration: $('rx-concentration').value};
    if ($('rx-flex').value.trim()) body.flex = $('rx-flex').value.trim(); else body.dose = $('rx-dose').value;
    if ($('rx-pb-dose').value.trim()) {
      body.patientBolusDose = $('rx-pb-dose').value.trim();
      body.patientBolusLockoutMinutes = $('rx-pb-lockout').value.trim();
      body.patientBolusMaxPerDay = $('rx-pb-max').value.trim();
    }
    optional(body, 'alarmVolume', 'rx-alarm');
    optional(body, 'start', 'rx-start');
    if ($('rx-confirm').checked && rxToken) body.confirmed = rxToken;
    const r = await post(base + '/prescriptions', body, rxKey);
    if (!r.ok) rxKey = newKey();
    const list = $('rx-findings');
    list.innerHTML = '';
    (r.body.findings || []).forEach(f => { const li = document.createElement('li'); li.className = f.severity; li.textContent = f.severity + ' [' + f.step + '] ' + f.message; list.append(li); });
    // Findings that need a confirmation show the checkbox with the server's token for exactly these values; any edit clears both.
    if (r.body.confirmationRequired) { rxToken = r.body.confirmationToken; $('rx-confirm').checked = false; $('rx-confirm-label').hidden = false; }
    if (!r.ok) { $('rx-result').innerHTML = ''; $('rx-error').textContent = explain(r.body) + (r.body.findings ? '. Nothing was saved.' : ''); return; }
    lines($('rx-result'), ['Prescription saved: ' + r.body.described + ' at ' + mcg(r.body.concentrationNgPerMl) + ' mcg/mL from '
      + humanTime(r.body.startAt) + ', low-reservoir alarm ' + ml(r.body.alarmVolumeNl)
      + (r.body.withinUsualRange ? '' : ' - outside the usual range: confirm it is intended')
      + '. Program the pump through a dose change to make it run.']);
    clearRxConfirmation();
    await refreshPatient();
    refreshChart('dose');
    await reload();
  });

  // A scan above the pump's label: the server asks for an acknowledgement (only for a scan that has taken place); any
  // edit of the scan's time or field withdraws it.
  const clearOutside = () => { if (!$('mri-outside')) return; $('mri-outside').hidden = true; $('mri-outside-label').checked = false; };
  ['mri-at', 'mri-field'].forEach(f => { if ($(f)) { $(f).addEventListener('input', clearOutside); $(f).addEventListener('change', clearOutside); } });
  form('mri-form', 'mri-error', async (key) => {
    const body = optional({fieldStrength: $('mri-field').value}, 'scanAt', 'mri-at');
    if (!$('mri-outside').hidden && $('mri-outside-label').checked) body.outsideLabel = true;
    const r = await post(base + '/mri', body, key.get());
    if (!r.ok) {
      $('mri-result').innerHTML = '';
      $('mri-error').textContent = explain(r.body);
      if (r.body.field === 'outsideLabel') {
        $('mri-outside-text').textContent = r.body.error + '.';
        $('mri-outside-label').checked = false;
        $('mri-outside').hidden = false;
        $('mri-outside-label').focus();
      }
      return;
    }
    key.renew();
    clearOutside();
    lines($('mri-result'), ['MRI scan ' + r.body.id + ' recorded at ' + humanTime(r.body.scanAt) + ' (' + r.body.fieldStrength
      + (r.body.outsideLabel ? ', outside the pump\'s label' : '') + '): a post-MRI check is now due. Interrogate the pump first.']);
    await reload();
  });

  // Step 1 of the check: the pump's own post-MRI check (a programmer session), when this clinic reaches the pump.
  const stepOne = () => $('mri-steps') && $('mri-steps').querySelector('li');
  if ($('mri-interrogate')) $('mri-interrogate').addEventListener('click', () => {
    if (stepOne()) stepOne().classList.remove('todo');
    if ($('pump-post-mri')) { $('pump-post-mri').scrollIntoView(); $('pump-post-mri').click(); }
  });
  form('mri-check-form', 'mri-error', async (key) => {
    const scan = $('mri-check-scan').value;
    if (!scan) { $('mri-error').textContent = 'no unchecked MRI scan to check'; return; }
    const r = await post(base + '/mri/' + scan + '/check', {result: $('mri-check-result').value}, key.get());
    if (!r.ok) {
      $('mri-result').innerHTML = '';
      $('mri-error').textContent = explain(r.body);
      // Missing evidence: lead to step 1.
      if (r.body.field === 'interrogation' && stepOne()) { stepOne().classList.add('todo'); $('mri-interrogate').focus(); }
      return;
    }
    key.renew();
    if (stepOne()) stepOne().classList.remove('todo');
    lines($('mri-result'), ['Post-MRI check of scan ' + r.body.id + ' recorded: ' + r.body.checkResult
      + ' (on session record ' + r.body.checkSessionId + ')']);
    $('mri-check-result').value = '';
    await reload();
  });

  await reload();
}
