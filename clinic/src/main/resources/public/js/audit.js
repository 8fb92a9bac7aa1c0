// The audit log, newest first, with a filter over what is shown.
async function initAudit() {
  const who = await me();
  if (who.role === 'ADMINISTRATOR') $('nav-home').href = '/admin.html';
  const r = await fetch('/api/audit?limit=500');
  const rows = r.ok ? await r.json() : [];
  const draw = () => {
    const q = $('audit-q').value.trim().toLowerCase();
    const tb = $('audit').querySelector('tbody');
    tb.innerHTML = '';
    rows.filter(a => !q || JSON.stringify(a).toLowerCase().includes(q)).forEach(a => {
      const tr = document.createElement('tr');
      tr.append(td(humanTime(a.at)), td(a.actor), td(a.action), td(a.entity + (a.entityId ? ' ' + a.entityId : '')), td(a.detail), td(a.remoteAddr));
      tb.append(tr);
    });
  };
  $('audit-q').addEventListener('input', draw);
  $('audit-filter').addEventListener('submit', (e) => e.preventDefault());
  draw();
}
initAudit();
