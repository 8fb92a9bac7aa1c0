// The administrator's page: what patient documents print (clinic name, 24/7 phone) and new logins.
async function initAdmin() {
  await me();
  const s = await (await fetch('/api/settings')).json();
  $('set-name').value = s.clinicName;
  $('set-phone').value = s.phone24h.startsWith('(') ? '' : s.phone24h;
  $('settings-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const r = await fetch('/api/settings', {method: 'PUT', headers: {'Content-Type': 'application/json', 'X-CSRF-Token': csrf},
      body: JSON.stringify({clinicName: $('set-name').value.trim(), phone24h: $('set-phone').value.trim()})});
    const b = await r.json();
    $('settings-error').textContent = r.ok ? '' : explain(b);
    $('settings-result').textContent = r.ok ? 'Saved: ' + b.clinicName + ', 24/7 ' + b.phone24h : '';
  });
  $('user-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const body = {username: $('user-name').value.trim(), role: $('user-role').value, password: $('user-password').value};
    if ($('user-display').value.trim()) body.displayName = $('user-display').value.trim();
    if ($('user-patient').value.trim()) body.patientId = $('user-patient').value.trim();
    const r = await post('/api/users', body);
    $('user-error').textContent = r.ok ? '' : explain(r.body);
    $('user-result').textContent = r.ok ? 'Login ' + r.body.username + ' (' + r.body.role.toLowerCase() + ') added.' : '';
    if (r.ok) $('user-password').value = '';
  });
}
initAdmin();
