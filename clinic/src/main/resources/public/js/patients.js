// Patient search and registration (dashboard) and the demographics form (patient page). The server validates
// every value; an edit carries the record's version, so two people editing at once get a clear 409.
function initPatientSearch() {
  if (!$('search-form')) return;
  $('search-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const r = await fetch('/api/patients?q=' + encodeURIComponent($('search-q').value.trim()));
    const list = $('search-results');
    list.innerHTML = '';
    if (!r.ok) return;
    const found = await r.json();
    if (found.length === 0) { const li = document.createElement('li'); li.textContent = 'No patient found.'; list.append(li); }
    found.forEach(p => {
      const li = document.createElement('li');
      const a = document.createElement('a');
      a.href = '/patient.html?id=' + p.id;
      a.className = 'patient-link';
      a.textContent = p.name + ' (' + p.mrn + ')';
      li.append(a, document.createTextNode(' ' + p.etiology.toLowerCase() + ', ' + p.ageGroup.toLowerCase()
        + (p.dateOfBirth ? ', born ' + humanDate(p.dateOfBirth) : '')));
      list.append(li);
    });
  });
  let key = newKey();
  $('register-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const body = {mrn: $('reg-mrn').value.trim(), name: $('reg-name').value.trim(), etiology: $('reg-etiology').value,
      ageGroup: $('reg-age').value, weight: $('reg-weight').value.trim()};
    if ($('reg-dob').value.trim()) body.dateOfBirth = $('reg-dob').value.trim();
    if ($('reg-contact').value.trim()) body.contact = $('reg-contact').value.trim();
    const r = await post('/api/patients', body, key);
    if (!r.ok) { $('register-error').textContent = explain(r.body); return; }
    key = newKey();
    location.href = '/patient.html?id=' + r.body.id;
  });
}

function initPatientEdit(id, p) {
  if (!$('edit-form')) return;
  const fill = (x) => {
    $('edit-name').value = x.name;
    $('edit-dob').value = x.dateOfBirth || '';
    $('edit-weight').value = kg(x.weightGrams);
    $('edit-tip').value = x.catheterTip || '';
    $('edit-contact').value = x.contact || '';
    $('edit-notes').value = x.notes || '';
  };
  let version = p.version;
  fill(p);
  $('edit-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const body = {version: version, name: $('edit-name').value.trim(), weight: $('edit-weight').value.trim(), notes: $('edit-notes').value};
    ['dob:dateOfBirth', 'tip:catheterTip', 'contact:contact'].forEach(pair => {
      const [el, field] = pair.split(':');
      if ($('edit-' + el).value.trim()) body[field] = $('edit-' + el).value.trim();
    });
    const r = await fetch('/api/patients/' + id, {method: 'PUT', headers: {'Content-Type': 'application/json', 'X-CSRF-Token': csrf},
      body: JSON.stringify(body)});
    const b = await r.json();
    if (!r.ok) { $('edit-error').textContent = explain(b); $('edit-result').textContent = ''; return; }
    $('edit-error').textContent = '';
    $('edit-result').textContent = 'Saved.';
    version = b.version;
    fill(b);
    await refreshPatient();
  });
}
