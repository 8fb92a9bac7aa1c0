// Patient-page forms for the device record: implants (a new pump or catheter), replacement indicator dates, and
// alarms (recorded by hand, e.g. reported by the patient, and cleared once handled). The server checks every value.
async function initDevices() {
  if (!$('device-section')) return;
  const id = new URLSearchParams(location.search).get('id');
  const base = '/api/patients/' + id;
  const row = (cells) => { const tr = document.createElement('tr'); cells.forEach(c => tr.append(typeof c === 'string' ? td(c) : c)); return tr; };
  const say = (text) => { $('device-error').textContent = ''; $('device-result').textContent = text; };
  const fail = (body) => { $('device-result').textContent = ''; $('device-error').textContent = explain(body); };
  const value = (el) => $(el).value.trim();
  // Each form sends once per click (its button is disabled while the server answers) and carries its idempotency key, so
  // a double submit that gets past the button (a second submit event, a resent request) is recorded once.
  const form = (formId, errorId, handler) => {
    const key = editedFormKey($(formId));
    $(formId).addEventListener('submit', async (e) => {
      e.preventDefault();
      const button = $(formId).querySelector('button[type=submit]');
      $(errorId).textContent = '';
      button.disabled = true;
      try { await handler(key); } finally { button.disabled = false; }
    });
  };

  const reload = async () => {
    const r = await fetch(base);
    if (!r.ok) return;
    const p = await r.json();
    const it = $('implants').querySelector('tbody');
    it.innerHTML = '';
    p.implants.forEach(i => it.append(row([humanDate(i.implantDate), i.pumpModel, i.serial, i.catheterModel + ', ' + i.catheterLengthCm + ' cm',
      i.explantDate ? 'explanted ' + humanDate(i.explantDate) : 'active', humanDate(i.eriDate)])));
    const rt = $('replacements').querySelector('tbody');
    rt.innerHTML = '';
    p.replacements.forEach(x => rt.append(row([humanDate(x.eriDate), humanDate(x.endOfService), humanDate(x.plannedDate), x.doneDate ? humanDate(x.doneDate) : 'open'])));
    const at = $('alarms').querySelector('tbody');
    at.innerHTML = '';
    p.alarms.forEach(a => {
      const cell = document.createElement('td');
      if (!a.clearedAt) {
        const b = document.createElement('button');
        b.type = 'button';
        b.textContent = 'Clear';
        b.className = 'clear-alarm';
        b.dataset.alarm = a.id;
        const key = newKey(); // one clearing per drawn button: a double click clears once
        b.onclick = async () => {
          const res = await post(base + '/alarms/' + a.id + '/clear', {}, key);
          if (!res.ok) { fail(res.body); return; }
          say('Alarm ' + a.id + ' cleared.');
          await reload();
        };
        cell.append(b);
      } else {
        cell.textContent = 'cleared ' + humanTime(a.clearedAt);
      }
      const tr = row([humanTime(a.at), a.kind, a.critical ? 'CRITICAL' : '', cell]);
      tr.dataset.alarm = a.id;
      at.append(tr);
    });
  };

  form('implant-form', 'device-error', async (key) => {
    const body = {pumpModel: $('implant-model').value, serial: value('implant-serial'), catheterLengthCm: value('implant-catheter'),
      implantDate: value('implant-date')};
    const r = await post(base + '/implants', body, key.get());
    if (!r.ok) { fail(r.body); return; }
    key.renew();
    say('Implant recorded: ' + r.body.pumpModel + ' serial ' + r.body.serial + ' on ' + r.body.implantDate
      + '. Write the prescription it runs, and prime it through the programmer.');
    await reload();
    await refreshPatient();
  });

  form('replacement-form', 'device-error', async (key) => {
    const body = {eriDate: value('eri-date')};
    if (value('planned-date')) body.plannedDate = value('planned-date');
    const r = await post(base + '/replacements', body, key.get());
    if (!r.ok) { fail(r.body); return; }
    key.renew();
    say('Replacement indicator recorded: ERI ' + r.body.eriDate + ', end of service ' + r.body.endOfService
      + (r.body.plannedDate ? ', replacement planned ' + r.body.plannedDate : '') + '.');
    await reload();
    await refreshPatient();
  });

  form('alarm-form', 'device-error', async (key) => {
    // Unticked, the server takes the kind's own severity (a motor stall is critical whether or not the box was ticked).
    const body = {kind: value('alarm-kind')};
    if ($('alarm-critical').checked) body.critical = true;
    const r = await post(base + '/alarms', body, key.get());
    if (!r.ok) { fail(r.body); return; }
    key.renew();
    say('Alarm recorded: ' + r.body.kind + (r.body.critical ? ' (critical)' : '') + '.');
    await reload();
  });

  await reload();
}
