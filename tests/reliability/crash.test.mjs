// Deadline night with a crashing server: nothing acknowledged is ever lost.
//
// Many applicants submit at once while `kczg serve` is SIGKILLed every 200–800 ms and
// restarted on the same database and blob directory. (A process kill, not a power cut:
// the operating system's page cache survives, so this does not prove the fsyncs.) Every submission for which a client
// received a 200 receipt must afterwards be there, submitted, with the receipt's number,
// time and content digest, and its signed form must download with the same bytes.
// Acknowledged drafts and uploads are checked on the way: a submission that finds an
// acknowledged save or upload missing fails the test.
//
// Runs on SQLite, and on PostgreSQL when KCZG_TEST_PG is set (required under CI).
// Rounds: 10 by default; KCZG_CRASH_ROUNDS=N, or `--rounds N` when run directly:
//   node tests/reliability/crash.test.mjs --rounds 50        (the documented long run)
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';

import {
  TransportError, cleanupStack, demoAccounts, fillForm, formDefinition, freshPostgresSchema, loadDemo,
  now, pdfBytes, postgresUrlOrSkip, registerApplicant, seconds, signIn, sleep, startServe, tempDir,
} from './harness.mjs';

const rounds = roundsWanted();
const clients = Number(process.env.KCZG_CRASH_CLIENTS || 32);
// Registered before the first kill (registration hashes a password: in long runs, more up
// front keeps the rounds busy submitting rather than registering).
const applicantsUpFront = Math.max(40, 3 * rounds);
const workers = 4;
// Drafts completed before the first kill (so that some clients only submit) and lists
// started from scratch during the rounds (create, save, upload, submit).
const preparedLists = [['tech_manager', ''], ['emerging_enterprise', ''], ['integration_org', '']];
const pioneerFields = ['electronic_information', 'biomedicine', 'equipment_manufacturing',
  'advanced_materials', 'green_low_carbon', 'industrial_foundation'];
const freshLists = pioneerFields.map((f) => ['pioneer_tech', f]);
// Every state an application can reach from "submitted".
const submittedOrLater = new Set(['submitted', 'recommended', 'eligible', 'ineligible',
  'under_review', 'shortlisted', 'not_shortlisted', 'listed', 'not_listed']);

function roundsWanted() {
  const i = process.argv.indexOf('--rounds');
  const given = i >= 0 ? process.argv[i + 1] : process.env.KCZG_CRASH_ROUNDS;
  const n = given === undefined ? 10 : Number(given);
  if (!Number.isInteger(n) || n < 1) throw new Error(`rounds must be a positive integer: ${given}`);
  return n;
}

test('SQLite: every acknowledged submission survives SIGKILL of the server', async (t) => {
  const defer = cleanupStack(t);
  const temp = await tempDir('kczg-crash-sqlite-');
  defer(() => temp.remove());
  await crashRun(defer, {
    backend: 'sqlite', db: `sqlite:${path.join(temp.dir, 'kczg.db')}`, blobs: path.join(temp.dir, 'blobs'),
  });
});

test('PostgreSQL: every acknowledged submission survives SIGKILL of the server', async (t) => {
  const base = postgresUrlOrSkip(t, 'crash test on PostgreSQL');
  if (!base) return;
  const defer = cleanupStack(t);
  const temp = await tempDir('kczg-crash-pg-');
  defer(() => temp.remove());
  const schema = await freshPostgresSchema(base, 'kczg_crash');
  defer(() => schema.drop());
  await crashRun(defer, { backend: 'postgresql', db: schema.url, blobs: path.join(temp.dir, 'blobs') });
});

// The server that gets killed: clients read `target.url` at each request and, after a
// transport failure, wait on `ready` for the next incarnation.
class Crasher {
  constructor({ db, blobs }) {
    this.options = { db, blobs, workers };
    this.target = { url: null };
    this.server = null;
    this.round = 0;
    this.starts = [];
    this.stderr = [];  // what each killed incarnation wrote to stderr
    this.#down();
  }

  #down() {
    this.ready = new Promise((resolve) => { this.markReady = resolve; });
  }

  async start() {
    const t0 = now();
    this.server = await startServe(this.options);
    this.starts.push(now() - t0);
    this.target.url = this.server.url;
    this.markReady();
  }

  async crash() {
    this.#down();
    const { signal } = await this.server.kill('SIGKILL');
    if (this.server.stderr()) this.stderr.push(this.server.stderr());
    assert.equal(signal, 'SIGKILL', `the server exited on its own before the kill: ${this.server.stderr()}`);
  }

  async stop() {
    if (!this.server) return;
    const { code, signal } = await this.server.stop();
    assert.equal(code, 0, `kczg serve after SIGTERM: code ${code}, signal ${signal}: ${this.server.stderr()}`);
  }
}

async function crashRun(defer, { backend, db, blobs }) {
  const t0 = now();
  await loadDemo(db);
  const crasher = new Crasher({ db, blobs });
  await crasher.start();
  defer(() => crasher.server.kill('SIGKILL'));
  const target = crasher.target;
  const unit = await signIn(target, demoAccounts.unit);
  const unitId = unit.me.unit_id;
  assert.ok(unitId > 0, 'the demo unit account has a unit');
  for (const [list] of [...preparedLists, ...freshLists]) await formDefinition(target, list);

  const run = new Run(crasher, backend, unitId);
  defer(() => { run.stopping = true; });
  // Applicants and their prepared drafts, before any kill.
  await parallel(2, applicantsUpFront, async () => { await run.addApplicant({ slots: false }); });
  const drafts = run.applicants.flatMap((session) => preparedLists.map(([list, field]) => ({ session, list, field })));
  await parallel(4, drafts.length, async (i) => {
    if (await run.prepare(drafts[i])) run.prepared.push(drafts[i]);
  });
  run.fresh.push(...run.applicants.flatMap((session) => freshLists.map(([list, field]) => ({ session, list, field }))));
  const setupMs = now() - t0;

  // The rounds: clients submit without pause while the server is killed and restarted.
  const t1 = now();
  const working = Array.from({ length: clients }, (_, i) =>
    run.client(i).catch((e) => { run.anomalies.push(`client ${i} gave up: ${e.stack}`); }));
  for (let r = 0; r < rounds; ++r) {
    crasher.round = r;
    await sleep(200 + Math.random() * 600);
    await crasher.crash();
    await crasher.start();
  }
  // After the last restart the clients finish what they were doing, on a live server.
  crasher.round = rounds;
  await sleep(300);
  run.stopping = true;
  await Promise.all(working);
  await run.settled();
  const roundsMs = now() - t1;

  // Verification, with the server up: every receipt against what the server now holds.
  const t2 = now();
  let verified = 0;
  const lost = [];
  await parallel(8, run.receipts.length, async (i) => {
    const receipt = run.receipts[i];
    const problem = await checkReceipt(receipt);
    if (problem) lost.push(`${receipt.number} (id ${receipt.id}, acknowledged in round ${receipt.round}): ${problem}`);
    else verified += 1;
  });
  const verifyMs = now() - t2;
  await crasher.stop();

  const acked = run.receipts.length;
  const perRound = Array.from({ length: rounds + 1 }, (_, r) => run.receipts.filter((x) => x.round === r).length);
  const roundsWithReceipts = perRound.slice(0, rounds).filter((n) => n > 0).length;
  const startMs = crasher.starts.slice(1);
  console.log([
    `crash[${backend}]: ${rounds} rounds, ${clients} clients, ${run.applicants.length} applicants`,
    `  acknowledged ${acked}, verified ${verified}, lost ${lost.length}`,
    `  receipts per round ${perRound.slice(0, rounds).join(' ')} (+${perRound[rounds]} after the last restart); ` +
      `rounds with receipts ${roundsWithReceipts}/${rounds}`,
    `  committed but unacknowledged (409 on a retried submit) ${run.unacknowledged}; ` +
      `transport failures retried ${run.transportFailures}`,
    `  restart to listening: mean ${Math.round(startMs.reduce((a, b) => a + b, 0) / startMs.length)} ms, ` +
      `max ${Math.round(Math.max(...startMs))} ms`,
    `  time: setup ${seconds(setupMs)}, rounds ${seconds(roundsMs)}, verify ${seconds(verifyMs)}, ` +
      `total ${seconds(now() - t0)}`,
    ...(crasher.stderr.length
      ? [`  stderr of the killed servers (${crasher.stderr.length} of ${rounds}), distinct lines:`,
        ...distinctLines(crasher.stderr).slice(0, 20).map((line) => `    ${line}`)]
      : []),
  ].join('\n'));

  assert.deepEqual(run.anomalies, [], 'unexpected answers (a 422 on submit: an acknowledged save or upload was lost)');
  assert.deepEqual(lost, [], 'acknowledged submissions missing or changed after the kills');
  assert.equal(verified, acked);
  assert.ok(acked > 0, 'no submission was acknowledged at all');
  assert.ok(roundsWithReceipts >= Math.ceil(rounds * 0.7),
    `receipts in only ${roundsWithReceipts} of ${rounds} rounds: the kills hit nothing`);
}

// What the clients share: applicants, the work left, the receipts and what went wrong.
class Run {
  constructor(crasher, backend, unitId) {
    this.crasher = crasher;
    this.target = crasher.target;
    this.backend = backend;
    this.unitId = unitId;
    this.applicants = [];
    this.prepared = [];  // drafts complete before the first kill: submit only
    this.fresh = [];     // list slots not yet started: create, save, upload, submit
    this.receipts = [];
    this.anomalies = [];
    this.unacknowledged = 0;
    this.transportFailures = 0;
    this.stopping = false;
    this.nextApplicant = 0;
    this.registering = new Set();  // registrations under way in the background
  }

  // Retries `step` across transport failures (the server died under it), waiting for the
  // next incarnation. `step(retried)` knows whether an earlier attempt may have taken effect.
  async retrying(what, step) {
    for (let attempt = 0; ; ++attempt) {
      try {
        return await step(attempt > 0);
      } catch (e) {
        if (!(e instanceof TransportError)) throw e;
        this.transportFailures += 1;
        if (attempt >= 200) throw new Error(`${what}: still failing after ${attempt} retries: ${e.message}`);
        await sleep(5 + Math.random() * 20);
        await this.crasher.ready;
      }
    }
  }

  anomaly(slot, what, response) {
    const body = response ? ` → ${response.status} ${response.body.toString('utf8').slice(0, 300)}` : '';
    this.anomalies.push(`${slot.session.login} ${slot.list}/${slot.field || '-'} (id ${slot.id ?? '?'}): ${what}${body}`);
  }

  // A new applicant, registered (and so signed in) on the current server, with its fresh
  // list slots (unless `slots` is false). A registration whose answer was lost is
  // abandoned, not retried: its login may or may not exist now.
  async addApplicant({ slots = true } = {}) {
    const session = await this.retrying('register', () =>
      registerApplicant(this.target, 100_000 + this.nextApplicant++, `${this.backend}-${process.pid}`));
    this.applicants.push(session);
    if (slots) {
      this.fresh.push(...[...freshLists, ...preparedLists].map(([list, field]) => ({ session, list, field })));
    }
    return session;
  }

  async prepare(slot) {
    if (!(await this.create(slot))) return false;
    return (await this.save(slot)) && (await this.upload(slot));
  }

  async create(slot) {
    return this.retrying('create', async (retried) => {
      const r = await slot.session.call('POST', '/api/v1/applications', { json: { list: slot.list, field: slot.field } });
      if (r.status === 201) { slot.id = r.json().id; return true; }
      if (r.status === 409 && r.json().code === 'application_exists' && retried) {
        // Created by the attempt whose answer was lost: find it among the applicant's own.
        const mine = await slot.session.call('GET', '/api/v1/applications');
        const found = mine.status === 200 && mine.json().find((a) => a.list === slot.list && a.field === slot.field);
        if (found) { slot.id = found.id; return true; }
      }
      this.anomaly(slot, 'create', r);
      return false;
    });
  }

  async save(slot) {
    const def = await formDefinition(this.target, slot.list);
    slot.values = fillForm(def, { uscc: slot.session.uscc, tag: `${slot.id}号` });
    return this.retrying('save', async () => {
      const r = await slot.session.call('PUT', `/api/v1/applications/${slot.id}`,
        { json: { unit_id: this.unitId, field: slot.field, values: slot.values } });
      if (r.status === 200 && r.json().problems.length === 0) return true;
      this.anomaly(slot, 'save', r);
      return false;
    });
  }

  async upload(slot) {
    slot.pdf = pdfBytes(`${this.backend} application ${slot.id}`);
    return this.retrying('upload', async () => {
      const r = await slot.session.call('POST', `/api/v1/applications/${slot.id}/attachments?kind=signed_form&name=scan.pdf`,
        { body: slot.pdf, contentType: 'application/pdf' });
      if (r.status === 201) return true;
      this.anomaly(slot, 'upload', r);
      return false;
    });
  }

  async submit(slot) {
    return this.retrying('submit', async (retried) => {
      const r = await slot.session.call('POST', `/api/v1/applications/${slot.id}/submit`);
      if (r.status === 200) {
        const receipt = r.json();
        if (receipt.id !== slot.id || receipt.state !== 'submitted' || !/^[0-9a-f]{64}$/.test(receipt.content_sha256)) {
          this.anomaly(slot, 'a malformed receipt', r);
          return false;
        }
        this.receipts.push({ ...receipt, round: this.crasher.round, session: slot.session, pdf: slot.pdf, values: slot.values });
        return true;
      }
      if (r.status === 409 && r.json().code === 'transition_from_state' && retried) {
        // Submitted by the attempt whose answer was lost: committed, never acknowledged.
        this.unacknowledged += 1;
        return true;
      }
      // 422 here means an acknowledged save or upload went missing.
      this.anomaly(slot, 'submit', r);
      return false;
    });
  }

  // Registers more applicants in the background (two at a time) while the work left runs
  // low, so that long runs never run dry.
  topUp() {
    if (this.stopping || this.registering.size >= 2 || this.fresh.length + this.prepared.length >= 2 * clients) return;
    const registration = this.addApplicant()
      .catch((e) => { this.anomalies.push(`registration during the rounds: ${e.message}`); })
      .finally(() => { this.registering.delete(registration); });
    this.registering.add(registration);
  }

  // Resolves once the background registrations have finished.
  async settled() {
    while (this.registering.size) await Promise.all(this.registering);
  }

  // One client: takes work until told to stop; even clients prefer prepared drafts (submit
  // only), odd ones new applications (create, save, upload, submit).
  async client(index) {
    while (!this.stopping) {
      const [first, second] = index % 2 === 0 ? [this.prepared, this.fresh] : [this.fresh, this.prepared];
      const slot = first.shift() || second.shift();
      this.topUp();
      if (!slot) {
        await Promise.race([...this.registering, sleep(100)]);
        continue;
      }
      if (slot.id === undefined && !(await this.prepare(slot))) continue;
      await this.submit(slot);
    }
  }
}

// Compares one receipt with the server's record; returns what differs, or null.
async function checkReceipt(receipt) {
  const { session } = receipt;
  const r = await session.call('GET', `/api/v1/applications/${receipt.id}`);
  if (r.status !== 200) return `GET → ${r.status} ${r.body.toString('utf8').slice(0, 200)}`;
  const a = r.json();
  if (!submittedOrLater.has(a.state)) return `state ${a.state}`;
  if (a.content_sha256 !== receipt.content_sha256) return `content_sha256 ${a.content_sha256}, receipt ${receipt.content_sha256}`;
  if (a.number !== receipt.number) return `number ${a.number}`;
  if (a.submitted_at !== receipt.submitted_at) return `submitted_at ${a.submitted_at}, receipt ${receipt.submitted_at}`;
  for (const [name, value] of Object.entries(receipt.values)) {
    if (a.values[name] !== value) return `value ${name} is ${JSON.stringify(a.values[name])}`;
  }
  const listed = a.attachments.find((f) => f.kind === 'signed_form');
  if (!listed) return 'no signed_form attachment';
  const file = await session.call('GET', `/applications/${receipt.id}/attachments/signed_form`);
  if (file.status !== 200) return `signed_form download → ${file.status}`;
  if (!file.body.equals(receipt.pdf)) return `signed_form bytes differ (${file.body.length} bytes, uploaded ${receipt.pdf.length})`;
  return null;
}

// Each distinct line of `texts` once, with its count.
function distinctLines(texts) {
  const counts = new Map();
  for (const line of texts.join('\n').split('\n').filter(Boolean)) counts.set(line, (counts.get(line) || 0) + 1);
  return [...counts].map(([line, n]) => (n > 1 ? `${line}  (×${n})` : line));
}

// Runs task(0..count-1) with at most `width` at once; rejects on the first failure.
async function parallel(width, count, task) {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(width, count) }, async () => {
    while (next < count) await task(next++);
  }));
}
