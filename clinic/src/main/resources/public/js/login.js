document.getElementById('login').addEventListener('submit', async (e) => {
  e.preventDefault();
  const r = await fetch('/api/login', {method: 'POST', headers: {'Content-Type': 'application/json'},
    body: JSON.stringify({username: document.getElementById('username').value, password: document.getElementById('password').value})});
  const body = await r.json();
  if (!r.ok) { document.getElementById('login-error').textContent = body.error; return; }
  const me = await (await fetch('/api/me')).json();
  location.href = me.role === 'PATIENT' ? '/patient.html?id=' + me.patientId : me.role === 'ADMINISTRATOR' ? '/admin.html' : '/index.html';
});
