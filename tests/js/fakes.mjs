// Fakes for the browser modules' unit tests: a Storage that can fill up or be blocked, a Worker that answers
// as obc-worker.js does, and manual timers.

export class FakeStorage {
  constructor({ quota = Infinity, blocked = false } = {}) {
    this.map = new Map();
    this.quota = quota; // characters, keys and values together
    this.blocked = blocked;
  }
  used() {
    let n = 0;
    for (const [k, v] of this.map) n += k.length + v.length;
    return n;
  }
  get length() { this.check(); return this.map.size; }
  key(i) { this.check(); return [...this.map.keys()][i] ?? null; }
  getItem(k) { this.check(); return this.map.has(k) ? this.map.get(k) : null; }
  setItem(k, v) {
    this.check();
    const before = this.map.get(k);
    this.map.set(k, String(v));
    if (this.used() > this.quota) {
      if (before === undefined) this.map.delete(k);
      else this.map.set(k, before);
      throw new Error("QuotaExceededError");
    }
  }
  removeItem(k) { this.check(); this.map.delete(k); }
  check() { if (this.blocked) throw new Error("SecurityError"); }
}

export class FakeWorker {
  constructor(handler) {
    this.handler = handler; // (message, worker) => void; worker.reply(data) answers
    this.listeners = { message: [], error: [] };
    this.sent = [];
    this.terminated = false;
  }
  addEventListener(type, fn) { this.listeners[type].push(fn); }
  postMessage(message) {
    this.sent.push(message);
    queueMicrotask(() => this.handler(message, this));
  }
  reply(data) { for (const fn of this.listeners.message) fn({ data }); }
  fail(message) { for (const fn of this.listeners.error) fn({ message, preventDefault() {} }); }
  terminate() { this.terminated = true; }
}

export function manualTimers() {
  const timers = new Map();
  let next = 1;
  return {
    setTimer(fn) { const id = next++; timers.set(id, fn); return id; },
    clearTimer(id) { timers.delete(id); },
    runAll() { const fns = [...timers.values()]; timers.clear(); for (const fn of fns) fn(); },
    get count() { return timers.size; },
  };
}

export const tick = () => new Promise((resolve) => setTimeout(resolve, 0));
