// The second person of a two-person check, on any form that needs one. They prove who they are: their own password
// typed here, or a co-sign they approve from their own login (dashboard, "Waiting for your co-sign"). A typed name
// alone is never enough. secondPerson(prefix, patientId, action) draws the fields into #<prefix>-second and returns
// {proof(request): the fields to add to request, reset()}.
function secondPerson(prefix, patientId, action) {
  const box = $(prefix + '-second');
  if (!box) return {proof: () => ({}), reset: () => {}};
  box.innerHTML = '';
  const legend = document.createElement('legend');
  legend.textContent = 'Second person (a clinician or nurse other than you)';
  const mk = (label, id, type) => {
    const l = document.createElement('label');
    l.textContent = label + ' ';
    const i = document.createElement('input');
    i.id = id;
    i.type = type;
    i.autocomplete = 'off';
    l.append(i);
    return l;
  };
  const user = mk('Their username', prefix + '-sp-user', 'text');
  const pass = mk('Their own password', prefix + '-sp-password', 'password');
  const or = document.createElement('p');
  or.className = 'note';
  or.textContent = 'or ask them to approve it from their own login:';
  const ask = document.createElement('button');
  ask.type = 'button';
  ask.id = prefix + '-cosign';
  ask.textContent = 'Request co-sign';
  const status = document.createElement('p');
  status.id = prefix + '-cosign-status';
  status.setAttribute('role', 'status');
  box.append(legend, user, pass, or, ask, status);
  let cosign = null; // {id, request: the JSON text it approves}
  let requestNow = null;
  ask.onclick = async () => {
    if (!requestNow) { status.textContent = 'Fill in the form first.'; return; }
    const req = requestNow();
    const r = await post('/api/patients/' + patientId + '/cosigns', {action: action, request: req});
    if (!r.ok) { status.textContent = explain(r.body); return; }
    cosign = {id: r.body.id, request: JSON.stringify(req)};
    status.textContent = 'Co-sign ' + r.body.id + ' requested: ask a colleague to approve it from their own login (dashboard), then submit.';
  };
  return {
    // Called with a function giving the exact request (without proof) the co-sign button will send.
    source: (fn) => { requestNow = fn; },
    proof: (request) => {
      const u = $(prefix + '-sp-user').value.trim();
      const p = $(prefix + '-sp-password').value;
      if (u && p) return {secondPerson: {username: u, password: p}};
      if (cosign && cosign.request === JSON.stringify(request)) return {cosignId: cosign.id};
      return {};
    },
    reset: () => { $(prefix + '-sp-user').value = ''; $(prefix + '-sp-password').value = ''; cosign = null; status.textContent = ''; }
  };
}

// The co-sign requests waiting for someone other than their requester: each shows what it changes, with Approve.
async function loadCosigns() {
  const list = $('cosigns');
  if (!list) return;
  const r = await fetch('/api/cosigns');
  if (!r.ok) return;
  const items = (await r.json()).filter(c => !currentUser || c.requestedBy !== currentUser.username);
  list.innerHTML = '';
  $('cosign-section').hidden = items.length === 0;
  items.forEach(c => {
    const li = document.createElement('li');
    li.dataset.cosign = c.id;
    const text = document.createElement('span');
    text.textContent = c.summary + ' - requested by ' + c.requestedBy + ', ' + humanTime(c.requestedAt) + ' ';
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'approve-cosign';
    b.textContent = 'Approve as second person';
    b.onclick = async () => {
      b.disabled = true;
      const a = await post('/api/cosigns/' + c.id + '/approve', {});
      text.textContent = a.ok ? 'Approved: ' + c.summary : explain(a.body);
      b.remove();
    };
    li.append(text, b);
    list.append(li);
  });
}
