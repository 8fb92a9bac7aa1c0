// The administrator's page: what patient documents print (clinic name, 24/7 phone), new logins, and the list of
// logins with deactivate/activate, a new password and ending their sessions.
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
    if (r.ok) { $('user-password').value = ''; await loadLogins(); }
  });
  $('reset-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const u = resetting;
    const r = await post('/api/users/' + u.id + '/password', {password: $('reset-password').value});
    $('reset-password').value = '';
    loginsAnswer(r, 'New password set for ' + u.username + '; sessions ended: ' + (r.body.sessionsEnded ?? ''));
    if (r.ok) { $('reset-form').hidden = true; resetting = null; }
    await loadLogins();
  });
  $('reset-cancel').onclick = () => { $('reset-form').hidden = true; $('reset-password').value = ''; resetting = null; };
  await loadLogins();
}

// The login whose new password is being typed.
let resetting = null;

function loginsAnswer(r, okText) {
  $('logins-error').textContent = r.ok ? '' : explain(r.body);
  $('logins-result').textContent = r.ok ? okText : '';
}

function actionButton(text, cls, onClick) {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = text;
  b.className = cls;
  b.onclick = onClick;
  return b;
}

async function loadLogins() {
  const r = await fetch('/api/users');
  if (!r.ok) { $('logins-error').textContent = 'the list of logins could not be read (' + r.status + ')'; return; }
  const users = await r.json();
  const tb = $('logins').querySelector('tbody');
  tb.innerHTML = '';
  users.forEach(u => {
    const tr = document.createElement('tr');
    tr.dataset.username = u.username;
    tr.className = u.active ? '' : 'inactive';
    const actions = document.createElement('td');
    const own = currentUser && u.username === currentUser.username;
    if (u.active && !own) {
      actions.append(actionButton('Deactivate', 'deactivate', async () => {
        if (!confirm('Deactivate ' + u.username + '? They are logged out everywhere and cannot log in again until activated.')) return;
        const a = await post('/api/users/' + u.id + '/deactivate', {});
        loginsAnswer(a, u.username + ' deactivated; sessions ended: ' + (a.body.sessionsEnded ?? ''));
        await loadLogins();
      }));
    } else if (!u.active) {
      actions.append(actionButton('Activate', 'activate', async () => {
        const a = await post('/api/users/' + u.id + '/activate', {});
        loginsAnswer(a, u.username + ' can log in again.');
        await loadLogins();
      }));
    }
    actions.append(' ', actionButton('New password', 'reset', () => {
      resetting = u;
      $('reset-for').textContent = 'New password for ' + u.username + ' (' + u.role.toLowerCase() + ')';
      $('reset-form').hidden = false;
      $('reset-password').focus();
    }));
    if (u.sessions > 0) {
      actions.append(' ', actionButton('End sessions', 'end-sessions', async () => {
        const a = await post('/api/users/' + u.id + '/sessions/end', {});
        loginsAnswer(a, 'Sessions of ' + u.username + ' ended: ' + (a.body.sessionsEnded ?? '') + (own ? ' (yours too: log in again)' : ''));
        if (a.ok && own) { location.href = '/login.html'; return; }
        await loadLogins();
      }));
    }
    tr.append(td(u.username + (own ? ' (you)' : '')), td(u.displayName), td(u.role.toLowerCase()), td(u.active ? 'active' : 'deactivated'),
      td(u.totp ? 'on' : 'off'), td(String(u.sessions)), actions);
    tb.append(tr);
  });
}
initAdmin();
