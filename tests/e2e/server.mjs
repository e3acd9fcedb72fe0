// Starts a throwaway kczg for an end-to-end test: a temp dir, the demo campaign loaded into
// a fresh SQLite file (today in its collection phase, with stage 'final_review' in its
// final review with the demo body's shortlist reported, or with stage 'published' two weeks
// after its lists were published, with demands and matches), `kczg serve` on a free loopback port. stop() ends the server with
// SIGTERM (graceful drain), waits for it and removes the temp dir.
//
// KCZG_BINARY overrides the binary (default: build/kczg under the repository root).
import { spawn, execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const binary = process.env.KCZG_BINARY
  ? path.resolve(process.env.KCZG_BINARY)
  : path.join(repoRoot, 'build', 'kczg');

export const demoPassword = 'kczg-demo-2023';
export const demoAccounts = {
  secretariat: 'secretariat@demo.kczg.cn',
  applicant: 'applicant@demo.kczg.cn',
  unit: 'unit@demo.kczg.cn',
  review_body: 'review@demo.kczg.cn',
  expert: 'expert@demo.kczg.cn',
  partner: 'partner@demo.kczg.cn',
  pilot_city: 'pilot@demo.kczg.cn',
};
// With stage 'published' only: the applicant holding the first published entry.
export const demoHolder = 'holder@demo.kczg.cn';

const run = promisify(execFile);

export async function startServer({ workers = 2, startTimeoutMs = 10_000, stage = 'collection' } = {}) {
  const dir = await mkdtemp(path.join(tmpdir(), 'kczg-e2e-'));
  const db = `sqlite:${path.join(dir, 'kczg.db')}`;
  try {
    await run(binary, ['demo', 'load', '--live', '--stage', stage, '--db', db, '--units', path.join(repoRoot, 'demo', 'units.csv')],
      { cwd: repoRoot, env: { ...process.env, KCZG_LANG: 'en' }, timeout: 30_000 });
    const server = await spawnServe({ db, blobs: path.join(dir, 'blobs'), workers, startTimeoutMs });
    return {
      url: server.url,
      dir,
      stderr: server.stderr,
      async stop() {
        const exit = await server.stop();
        await rm(dir, { recursive: true, force: true });
        return exit;
      },
    };
  } catch (e) {
    await rm(dir, { recursive: true, force: true });
    throw e;
  }
}

// Starts `kczg serve` on a free loopback port and resolves once it prints its address.
// The returned handle: url, pid, kill(signal) (resolves when the process has exited),
// stop() (SIGTERM, then SIGKILL after 5 s), stderr().
export async function spawnServe({ db, blobs, workers = 4, startTimeoutMs = 15_000 }) {
  const child = spawn(binary, ['serve', '--db', db, '--listen', '127.0.0.1:0',
    '--static', path.join(repoRoot, 'static'), '--blobs', blobs, '--quiet', '--workers', String(workers)],
  { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (s) => { stderr += s; });
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  let url;
  try {
    url = await new Promise((resolve, reject) => {
      let stdout = '';
      const timer = setTimeout(() => reject(new Error(`kczg serve printed no address in ${startTimeoutMs} ms: ${stderr}`)), startTimeoutMs);
      child.stdout.setEncoding('utf8').on('data', (s) => {
        stdout += s;
        const m = stdout.match(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
        if (m) { clearTimeout(timer); resolve(m[1]); }
      });
      exited.then(({ code, signal }) => {
        clearTimeout(timer);
        reject(new Error(`kczg serve exited (code ${code}, signal ${signal}): ${stderr}`));
      });
    });
  } catch (e) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    throw e;
  }
  child.stdout.resume();
  return {
    url,
    pid: child.pid,
    exited,
    stderr: () => stderr,
    running: () => child.exitCode === null && child.signalCode === null,
    async kill(signal = 'SIGKILL') {
      if (child.exitCode === null && child.signalCode === null) process.kill(child.pid, signal);
      return exited;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(killer);
      }
      return exited;
    },
  };
}

// GB 32100: the 18th character of a Unified Social Credit Code from the first 17.
export function usccWithCheck(body) {
  const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  if (body.length !== 17) throw new Error(`USCC body needs 17 characters: ${body}`);
  let sum = 0;
  let weight = 1;
  for (const ch of body) {
    const v = alphabet.indexOf(ch);
    if (v < 0) throw new Error(`not a USCC character: ${ch}`);
    sum += v * weight;
    weight = (weight * 3) % 31;
  }
  return body + alphabet[(31 - (sum % 31)) % 31];
}
