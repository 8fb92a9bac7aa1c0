// Flagged refill discrepancies on the patient page: each open one gets a Resolve button in the refills table and a place
// in the resolution form, which records what was found and what was done (the server adds who and when, and writes the
// audit row). A resolved one shows who resolved it and when; it no longer shows as open on the dashboard.

// The refills whose discrepancy was flagged and is not yet resolved.
function openDiscrepancies(refills) {
  return (refills || []).filter(f => f.flagged && !f.resolved);
}

// "resolved by nurse, 24 Nov 2026 09:00: found ...; done ..." (older rows resolved before who/when were kept say only "resolved").
function resolutionText(f) {
  if (!f.resolved) return '';
  if (!f.resolvedBy) return 'resolved';
  return 'resolved by ' + f.resolvedBy + ', ' + humanTime(f.resolvedAt) + ': found ' + f.resolutionFound + '; done ' + f.resolutionAction;
}

// Draws the open discrepancies into the form's list and the table's flag cells (rows carry data-refill).
function renderDiscrepancies(refills) {
  const sec = $('discrepancy-section');
  if (!sec) return;
  const open = openDiscrepancies(refills);
  const sel = $('resolve-refill');
  const keep = sel.value;
  sel.innerHTML = '';
  open.forEach(f => {
    const o = document.createElement('option');
    o.value = f.id;
    o.textContent = 'Refill of ' + humanTime(f.at) + ': discrepancy ' + ml(f.discrepancyNl);
    sel.append(o);
  });
  if (open.some(f => String(f.id) === keep)) sel.value = keep;
  sec.hidden = open.length === 0;
  (refills || []).forEach(f => {
    const cell = document.querySelector('#refills tr[data-refill="' + f.id + '"] td.flag');
    if (!cell) return;
    if (f.flagged && f.resolved) { cell.textContent = resolutionText(f); return; }
    if (!f.flagged) return;
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'resolve-discrepancy govuk-button govuk-button--secondary';
    b.dataset.refill = f.id;
    b.textContent = 'Resolve';
    b.onclick = () => { sel.value = String(f.id); sec.scrollIntoView(); $('resolve-found').focus(); };
    cell.append(' ', b);
  });
}

function initDiscrepancies() {
  const form = $('resolve-form');
  if (!form) return;
  const id = new URLSearchParams(location.search).get('id');
  const key = formKey();
  ['resolve-refill', 'resolve-found', 'resolve-action'].forEach(f => $(f).addEventListener('input', key.renew));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const button = $('resolve-submit');
    button.disabled = true;
    $('resolve-error').textContent = '';
    try {
      const refill = $('resolve-refill').value;
      if (!refill) { $('resolve-error').textContent = 'No open discrepancy to resolve.'; return; }
      const r = await post('/api/patients/' + id + '/refills/' + refill + '/resolve',
        {found: $('resolve-found').value.trim(), action: $('resolve-action').value.trim()}, key.get());
      key.renew();
      if (!r.ok) { $('resolve-error').textContent = explain(r.body); return; }
      $('resolve-result').textContent = 'Discrepancy of the refill of ' + humanTime(r.body.at) + ' ' + resolutionText(r.body) + '.';
      $('resolve-found').value = '';
      $('resolve-action').value = '';
      await refreshPatient();
    } finally { button.disabled = false; }
  });
}
