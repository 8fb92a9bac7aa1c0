// Unit tests of the clinic UI's pure logic (public/js), run in headless Chromium by JsUnitTest, which reads
// window.jsUnit (a promise of [{name, ok, message}]) and reports each case as its own JUnit test.
const jsCases = [];
function test(name, fn) { jsCases.push([name, fn]); }
function eq(actual, expected) {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) throw new Error('expected ' + e + ', got ' + a);
}
function check(condition, message) { if (!condition) throw new Error(message); }

test('harness: a wrong expectation fails', () => {
  let threw = false;
  try { eq(1, 2); } catch (e) { threw = true; }
  check(threw, 'eq(1, 2) did not fail');
});

test('humanDate: dates as people read them', () => {
  eq(humanDate('2026-11-24'), '24 Nov 2026');
  eq(humanDate('2027-01-05T10:00'), '5 Jan 2027');
  eq(humanDate('2026-12-31'), '31 Dec 2026');
  eq(humanDate(null), '-');
  eq(humanDate(''), '-');
  eq(humanDate('not a date'), 'not a date');
});

test('humanTime: no T, no seconds, no microseconds', () => {
  eq(humanTime('2026-11-24T09:00:00.123456'), '24 Nov 2026 09:00');
  eq(humanTime('2026-11-24T23:59'), '24 Nov 2026 23:59');
  eq(humanTime('2026-11-24'), '24 Nov 2026');
  eq(humanTime(undefined), '-');
});

test('kg: weight to 0.1 kg', () => {
  eq(kg(70000), '70.0 kg');
  eq(kg(62549), '62.5 kg');
  eq(kg(62550), '62.6 kg');
  eq(kg(3400), '3.4 kg');
  eq(kg(500), '0.5 kg');
});

test('mcg and ml: exact integer units shown in clinical units', () => {
  eq(mcg(300000), '300');
  eq(mcg(333334), '333.334');
  eq(mcg(500000), '500');
  eq(ml(3200000), '3.200 mL');
  eq(ml(0), '0.000 mL');
  eq(ml(-4000000), '-4.000 mL');
});

test('explain: the refusal names the field, the value and what is allowed', () => {
  eq(explain({field: 'dose', error: 'ambiguous quantity', value: '60', allowed: 'a unit: mcg/day or mcg/h'}),
    "dose: ambiguous quantity (got '60') - allowed: a unit: mcg/day or mcg/h");
  eq(explain({error: 'conflict'}), 'conflict');
  eq(explain(null), 'failed');
});

test('echoText: a per-hour entry is echoed with its daily total', () => {
  eq(echoText(true, {enteredPerHour: true, described: '1440 mcg/day'}), 'Entered per hour: 1440 mcg/day');
  eq(echoText(true, {enteredPerHour: false, described: '300 mcg/day'}), '300 mcg/day');
  eq(echoText(false, {field: 'dose', error: 'missing unit', value: '60', allowed: 'mcg/day'}), "dose: missing unit (got '60') - allowed: mcg/day");
});

// A fake server for the echo: each query waits until the test answers it.
function fakeAsk() {
  const pending = {};
  const ask = (query) => new Promise(resolve => { pending[query] = resolve; });
  return {ask, answer: (query, body) => pending[query]({ok: true, body})};
}

test('dailyTotalEcho: an answer that arrives after a newer one is dropped (echoSeq)', async () => {
  const server = fakeAsk();
  const shown = [];
  const echo = dailyTotalEcho(server.ask, t => shown.push(t));
  const older = echo('', '60 mcg/h');
  const newer = echo('', '600 mcg/day');
  server.answer('dose=600%20mcg%2Fday', {described: '600 mcg/day'});
  await newer;
  server.answer('dose=60%20mcg%2Fh', {enteredPerHour: true, described: '1440 mcg/day'});
  await older;
  eq(shown, ['600 mcg/day']);
});

test('dailyTotalEcho: answers in order are all shown; flex steps win over the dose field', async () => {
  const server = fakeAsk();
  const shown = [];
  const echo = dailyTotalEcho(server.ask, t => shown.push(t));
  const one = echo('', '60 mcg/h');
  server.answer('dose=60%20mcg%2Fh', {enteredPerHour: true, described: '1440 mcg/day'});
  await one;
  const two = echo('06:00=400 mcg/day, 22:00=200 mcg/day', '60 mcg/h');
  server.answer('flex=06%3A00%3D400%20mcg%2Fday%2C%2022%3A00%3D200%20mcg%2Fday', {described: 'daily total 333.334 mcg/day'});
  await two;
  eq(shown, ['Entered per hour: 1440 mcg/day', 'daily total 333.334 mcg/day']);
});

test('dailyTotalEcho: emptying the field clears the echo and drops an answer on its way', async () => {
  const server = fakeAsk();
  const shown = [];
  const echo = dailyTotalEcho(server.ask, t => shown.push(t));
  const typed = echo('', '60 mcg/h');
  await echo('', '');
  server.answer('dose=60%20mcg%2Fh', {enteredPerHour: true, described: '1440 mcg/day'});
  await typed;
  eq(shown, ['']);
});

test('newKey: 32 hex digits, a new one each time', () => {
  const a = newKey();
  const b = newKey();
  check(/^[0-9a-f]{32}$/.test(a), 'not 32 hex digits: ' + a);
  check(a !== b, 'the same key twice');
});

test('formKey: one key per drawing of a form, a new one after renew', () => {
  const k = formKey();
  const first = k.get();
  eq(k.get(), first);
  const second = k.renew();
  check(second !== first, 'renew kept the key');
  eq(k.get(), second);
});

test('post: sends the CSRF token and the form key, and the JSON body', async () => {
  const sent = [];
  const realFetch = window.fetch;
  window.fetch = async (url, init) => { sent.push({url, init}); return new Response('{"id":7}', {status: 201}); };
  try {
    csrf = 'csrf-token';
    const r = await post('/api/x', {a: 1}, 'key-1');
    eq(r, {ok: true, status: 201, body: {id: 7}});
    eq(sent[0].url, '/api/x');
    eq(sent[0].init.method, 'POST');
    eq(sent[0].init.headers['X-CSRF-Token'], 'csrf-token');
    eq(sent[0].init.headers['Idempotency-Key'], 'key-1');
    eq(sent[0].init.body, '{"a":1}');
    await post('/api/y', {});
    check(!('Idempotency-Key' in sent[1].init.headers), 'a key was sent without one');
    window.fetch = async () => new Response('not json', {status: 502});
    eq(await post('/api/z', {}), {ok: false, status: 502, body: {error: 'the server answered 502'}});
  } finally {
    window.fetch = realFetch;
  }
});

test('openDiscrepancies: flagged and not yet resolved only', () => {
  const refills = [{id: 1, flagged: true, resolved: false}, {id: 2, flagged: true, resolved: true}, {id: 3, flagged: false, resolved: false}];
  eq(openDiscrepancies(refills).map(f => f.id), [1]);
  eq(openDiscrepancies(undefined), []);
});

test('resolutionText: who, when, what was found and done', () => {
  eq(resolutionText({flagged: true, resolved: true, resolvedBy: 'nurse', resolvedAt: '2026-11-24T09:00:00',
    resolutionFound: 'a stall', resolutionAction: 'rotor study'}), 'resolved by nurse, 24 Nov 2026 09:00: found a stall; done rotor study');
  eq(resolutionText({flagged: true, resolved: true}), 'resolved');
  eq(resolutionText({flagged: true, resolved: false}), '');
});

test('dueStatus: an overdue row says OVERDUE, never a day count that contradicts it', () => {
  eq(dueStatus({overdue: true, daysLeft: 19}), 'OVERDUE');
  eq(dueStatus({overdue: true, daysLeft: -24}), 'OVERDUE');
  eq(dueStatus({overdue: false, daysLeft: 0}), 'today');
  eq(dueStatus({overdue: false, daysLeft: 1}), 'in 1 day');
  eq(dueStatus({overdue: false, daysLeft: 29}), 'in 29 days');
});

window.jsUnit = (async () => {
  const results = [];
  for (const [name, fn] of jsCases) {
    try {
      await fn();
      results.push({name, ok: true, message: ''});
    } catch (e) {
      results.push({name, ok: false, message: String(e && e.message || e)});
    }
  }
  return results;
})();
