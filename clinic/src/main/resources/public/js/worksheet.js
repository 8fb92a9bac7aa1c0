// The refill worksheet: what to expect before the needle goes in (from the server), the vial's lot and expiry, and
// the printed sheet for both signatures. The refill itself is recorded on the patient page.
async function loadWorksheet() {
  await me();
  const id = new URLSearchParams(location.search).get('id');
  const r = await fetch('/api/patients/' + id + '/worksheet');
  const w = await r.json();
  if (!r.ok) { $('ws-error').textContent = explain(w); return; }
  $('ws-name').textContent = w.name + ' (' + w.mrn + ')';
  $('ws-pump').textContent = w.pump + ' (reservoir ' + w.reservoir + '), serial ' + w.serial;
  $('ws-expected').textContent = w.expectedResidual || 'read it from the programmer';
  $('ws-from').textContent = w.expectedFrom + ' at ' + w.dose;
  $('ws-limit').textContent = w.discrepancyLimit;
  $('ws-drug').textContent = w.drug + ' ' + w.concentration + ' at ' + w.dose;
  $('ws-alarm').textContent = w.lowReservoirAlarm;
  $('ws-due').textContent = w.lastRefillBy || '-';
  const pdf = () => { $('ws-pdf').href = '/api/patients/' + id + '/worksheet.pdf?lot=' + encodeURIComponent($('ws-lot').value)
    + '&expiry=' + encodeURIComponent($('ws-expiry').value); };
  ['ws-lot', 'ws-expiry'].forEach(f => $(f).addEventListener('input', pdf));
  pdf();
  $('ws-refill').href = '/patient.html?id=' + id + '#refill-section';
}
loadWorksheet();
