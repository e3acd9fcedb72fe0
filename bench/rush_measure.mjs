// What the deadline-rush benchmark records: latencies and errors per request type, and the
// CPU that the server's threads, the client and the whole machine spent in the window
// (read from /proc, so that a saturated client or an fsync-bound server shows up in the
// numbers rather than only in someone's `top`).
import fs from 'node:fs';
import os from 'node:os';
import { execFileSync } from 'node:child_process';

// Latencies and outcomes per request type ("save", "attach", "submit").
export class Recorder {
  constructor(types) {
    this.types = types;
    this.latencies = Object.fromEntries(types.map((t) => [t, []]));
    this.ok = Object.fromEntries(types.map((t) => [t, 0]));
    this.failures = Object.fromEntries(types.map((t) => [t, { http: 0, socket: 0 }]));
    this.samples = new Map();  // "type status code" -> {type, status, code, message, count}
  }

  // An answer counts as an error unless it is 2xx. Latency is kept for every answered
  // request (like wrk, unanswered ones are errors, not latencies).
  record(type, answer, describe) {
    if (answer.status !== 0) this.latencies[type].push(answer.ms);
    if (answer.status >= 200 && answer.status < 300) {
      this.ok[type] += 1;
      return true;
    }
    this.failures[type][answer.status === 0 ? 'socket' : 'http'] += 1;
    const { code, message } = describe(answer);
    const key = `${type} ${answer.status} ${code}`;
    const sample = this.samples.get(key) ?? { type, status: answer.status, code, message, count: 0 };
    sample.count += 1;
    this.samples.set(key, sample);
    return false;
  }

  errors(type) {
    return this.failures[type].http + this.failures[type].socket;
  }

  summary(type) {
    const sorted = Float64Array.from(this.latencies[type]).sort();
    const at = (p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] : NaN);
    return { answered: sorted.length, ok: this.ok[type], http_errors: this.failures[type].http,
      socket_errors: this.failures[type].socket, p50: at(0.5), p90: at(0.9), p99: at(0.99),
      max: sorted.length ? sorted[sorted.length - 1] : NaN };
  }
}

const ticksPerSecond = (() => {
  try { return Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100; } catch { return 100; }
})();

// CPU seconds per thread of a process, and seconds it was runnable but waiting for a CPU
// (schedstat; tells a thread starved by other load from one that sleeps on a lock or a
// disk): {tid: {name, seconds, waited}}. Threads that ended are absent.
export function threadTimes(pid) {
  const out = {};
  let tids = [];
  try { tids = fs.readdirSync(`/proc/${pid}/task`); } catch { return out; }
  for (const tid of tids) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      const name = stat.slice(stat.indexOf('(') + 1, close);
      const fields = stat.slice(close + 2).split(' ');  // fields[11], [12]: utime, stime
      const sched = fs.readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ');
      out[tid] = { name, seconds: (Number(fields[11]) + Number(fields[12])) / ticksPerSecond,
        waited: Number(sched[1]) / 1e9 };
    } catch { /* the thread ended between readdir and read */ }
  }
  return out;
}

// Per-thread CPU use and run-queue wait between two threadTimes() snapshots, in percent of
// the interval, busiest first: [{tid, name, percent, waiting}].
export function threadUse(before, after, seconds) {
  const share = (now, then) => (100 * (now - (then ?? 0))) / seconds;
  return Object.entries(after)
    .map(([tid, t]) => ({ tid, name: t.name, percent: share(t.seconds, before[tid]?.seconds),
      waiting: share(t.waited, before[tid]?.waited) }))
    .sort((a, b) => b.percent - a.percent);
}

// The machine's CPU counters from /proc/stat (all cores together), in ticks.
export function machineTimes() {
  const [, ...v] = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
  const [user, nice, system, idle, iowait, irq, softirq, steal] = v.map(Number);
  return { user: user + nice, system: system + irq + softirq, idle, iowait, steal: steal || 0 };
}

// Shares of the machine's CPU time between two machineTimes() snapshots, in percent.
export function machineUse(before, after) {
  const d = Object.fromEntries(Object.keys(after).map((k) => [k, after[k] - before[k]]));
  const total = Object.values(d).reduce((a, b) => a + b, 0) || 1;
  return Object.fromEntries(Object.entries(d).map(([k, v]) => [k, (100 * v) / total]));
}

export function loadAverage() {
  return fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
}

export function machine() {
  const cpus = os.cpus();
  return { cores: cpus.length, cpu: cpus[0]?.model ?? 'unknown CPU',
    memory_gib: Math.round(os.totalmem() / 2 ** 30), kernel: `${os.type()} ${os.release()}` };
}
