fetch('/api/login').then(r => r.json()).then(info => {
  if (info.demoLogins) { document.getElementById('demo-note').textContent = info.demoLogins; }
});
document.getElementById('login').addEventListener('submit', async (e) => {
  e.preventDefault();
  const body = {username: document.getElementById('username').value, password: document.getElementById('password').value};
  const code = document.getElementById('code').value;
  if (code) { body.code = code; }
  const r = await fetch('/api/login', {method: 'POST', headers: {'Content-Type': 'application/json'}, body: JSON.stringify(body)});
  const answer = await r.json();
  if (!r.ok) {
    if (answer.codeRequired) { document.getElementById('code-label').hidden = false; document.getElementById('code').focus(); }
    document.getElementById('login-error').textContent = answer.error;
    return;
  }
  const me = await (await fetch('/api/me')).json();
  location.href = me.role === 'PATIENT' ? '/patient.html?id=' + me.patientId : me.role === 'ADMINISTRATOR' ? '/admin.html' : '/index.html';
});
