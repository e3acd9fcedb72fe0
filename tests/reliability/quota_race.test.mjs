// The quota race: two `kczg serve` processes on one PostgreSQL schema, and a unit whose
// quota in a pioneer_tech field is 3 recommending 500 submitted applications at once,
// the requests alternating between the servers. Exactly 3 may succeed; every other
// request must be refused with quota_exhausted, and afterwards exactly 3 applications of
// that field are recommended.
//
// PostgreSQL only (KCZG_TEST_PG; required under CI, skipped elsewhere without it).
// KCZG_QUOTA_REQUESTS=N changes the number of applications and requests (default 500).
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';

import {
  Session, cleanupStack, demoAccounts, fillForm, formDefinition, freshPostgresSchema, loadDemo, now, pdfBytes,
  postgresUrlOrSkip, registerApplicant, seconds, signIn, startServe, tempDir,
} from './harness.mjs';

const requests = Number(process.env.KCZG_QUOTA_REQUESTS || 500);
const quota = 3;  // the 2023 preset: 3 per field per channel; the demo unit has one channel
const list = 'pioneer_tech';
const fields = ['electronic_information', 'biomedicine', 'equipment_manufacturing', 'advanced_materials',
  'green_low_carbon', 'industrial_foundation'];

test(`PostgreSQL: ${requests} concurrent recommendations on two servers stop at the quota of ${quota}`, async (t) => {
  const base = postgresUrlOrSkip(t, 'quota race');
  if (!base) return;
  const t0 = now();
  const defer = cleanupStack(t);
  const temp = await tempDir('kczg-quota-');
  defer(() => temp.remove());
  const schema = await freshPostgresSchema(base, 'kczg_quota');
  defer(() => schema.drop());
  await loadDemo(schema.url);
  const blobs = path.join(temp.dir, 'blobs');  // shared, as a shared volume would be
  const servers = [];
  for (let i = 0; i < 2; ++i) {
    const server = await startServe({ db: schema.url, blobs, workers: 4 });
    servers.push(server);
    defer(() => server.stop());
  }
  const targets = servers.map((s) => ({ url: s.url }));

  // The unit's session works on either server: sessions live in the database.
  const unitA = await signIn(targets[0], demoAccounts.unit);
  const unitB = Object.assign(new Session(targets[1], unitA.cookie), { csrf: unitA.csrf, me: unitA.me });
  const unitId = unitA.me.unit_id;
  const field = await fieldWithoutRecommendations(unitB, unitId);
  const def = await formDefinition(targets[0], list);

  // Submitted applications in that field naming the unit: one applicant each, since an
  // applicant has at most one application per list and field. Registration hashes a
  // password, so this is the slow part.
  const ids = [];
  let next = 0;
  await Promise.all(Array.from({ length: 4 }, async (_, worker) => {
    while (next < requests) {
      const n = next++;
      const applicant = await registerApplicant(targets[(n + worker) % 2], 200_000 + n, `quota-${process.pid}`);
      ids.push(await submittedApplication(applicant, { def, field, unitId, tag: n }));
    }
  }));
  const setupMs = now() - t0;

  // All at once: every request is sent before any answer is awaited.
  const units = [unitA, unitB];
  const t1 = now();
  const answers = await Promise.all(ids.map(async (id, i) => {
    const sent = now();
    const r = await units[i % 2].call('POST', `/api/v1/applications/${id}/recommend`);
    return { id, server: i % 2, status: r.status, body: r.json(), ms: now() - sent };
  }));
  const raceMs = now() - t1;

  const granted = answers.filter((a) => a.status === 200);
  const refused = answers.filter((a) => a.status === 409 && a.body.code === 'quota_exhausted');
  const other = answers.filter((a) => !granted.includes(a) && !refused.includes(a));
  const latencies = answers.map((a) => a.ms).sort((a, b) => a - b);
  const p = (q) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]);
  console.log([
    `quota race[postgresql]: ${requests} recommendations of unit ${unitId} in ${list}/${field}, quota ${quota}, 2 servers`,
    `  200 recommended: ${granted.length} (server A ${granted.filter((a) => a.server === 0).length}, ` +
      `server B ${granted.filter((a) => a.server === 1).length}); 409 quota_exhausted: ${refused.length}; other: ${other.length}`,
    `  burst ${Math.round(raceMs)} ms; per request p50 ${p(0.5)} ms, p95 ${p(0.95)} ms, max ${p(1)} ms`,
    `  time: setup ${seconds(setupMs)} (${requests} applicants registered and submitted), total ${seconds(now() - t0)}`,
  ].join('\n'));

  assert.deepEqual(other.slice(0, 10).map((a) => `${a.id}: ${a.status} ${JSON.stringify(a.body)}`), [],
    'answers other than 200 or quota_exhausted');
  assert.equal(granted.length, quota);
  assert.equal(refused.length, requests - quota);
  for (const a of granted) assert.equal(a.body.state, 'recommended');

  // What the unit now sees: exactly the 3 granted are recommended, the rest still submitted.
  const listing = await unitA.call('GET', '/api/v1/applications');
  assert.equal(listing.status, 200);
  const mine = listing.json().filter((a) => a.list === list && a.field === field && a.unit_id === unitId);
  const recommended = mine.filter((a) => a.state === 'recommended').map((a) => a.id).sort((a, b) => a - b);
  assert.deepEqual(recommended, granted.map((a) => a.id).sort((a, b) => a - b));
  const raced = new Set(ids);
  assert.equal(mine.filter((a) => raced.has(a.id) && a.state === 'submitted').length, requests - quota);
});

// A pioneer_tech field in which the unit has recommended nothing yet.
async function fieldWithoutRecommendations(unit, unitId) {
  const r = await unit.call('GET', '/api/v1/applications');
  assert.equal(r.status, 200);
  const used = new Set(r.json()
    .filter((a) => a.list === list && a.unit_id === unitId && a.state !== 'submitted' && a.state !== 'returned' && a.state !== 'withdrawn')
    .map((a) => a.field));
  const field = fields.find((f) => !used.has(f));
  assert.ok(field, `the demo unit has recommendations in every ${list} field`);
  return field;
}

// Creates, fills, uploads and submits one application; returns its id.
async function submittedApplication(applicant, { def, field, unitId, tag }) {
  let r = await applicant.call('POST', '/api/v1/applications', { json: { list, field } });
  assert.equal(r.status, 201, `create: ${r.body}`);
  const { id } = r.json();
  r = await applicant.call('PUT', `/api/v1/applications/${id}`,
    { json: { unit_id: unitId, field, values: fillForm(def, { uscc: applicant.uscc, tag: `${tag}号` }) } });
  assert.equal(r.status, 200, `save: ${r.body}`);
  assert.deepEqual(r.json().problems, []);
  r = await applicant.call('POST', `/api/v1/applications/${id}/attachments?kind=signed_form&name=scan.pdf`,
    { body: pdfBytes(`quota ${id}`), contentType: 'application/pdf' });
  assert.equal(r.status, 201, `upload: ${r.body}`);
  r = await applicant.call('POST', `/api/v1/applications/${id}/submit`);
  assert.equal(r.status, 200, `submit: ${r.body}`);
  return id;
}
