// Sends RATE messages a second for SECONDS, spread over SENDERS WebSocket members of ROOMS rooms, and
// measures each message from send to its echo to the sender (stored, and through fan-out). Prints one
// JSON line: sent, stored, refused, p50, p99 and max in ms. Node 20 with --experimental-websocket.
const [base, rate, seconds, senders, rooms] = process.argv.slice(2);
const RATE = Number(rate), SECONDS = Number(seconds), SENDERS = Number(senders), ROOMS = Number(rooms);

const latencies = [];
let sent = 0, refused = 0;
const pending = new Map();

function member(i) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${base.replace('http', 'ws')}/chat/bench-${i % ROOMS}?name=s${i}`);
    ws.onmessage = (event) => {
      const frame = JSON.parse(event.data);
      if (frame.type === 'welcome') resolve(ws);
      if (frame.ref && pending.has(frame.ref)) {
        const started = pending.get(frame.ref);
        pending.delete(frame.ref);
        if (frame.type === 'message') latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
        else refused += 1;
      }
    };
    ws.onerror = reject;
  });
}

const members = await Promise.all(Array.from({ length: SENDERS }, (_, i) => member(i)));
const total = RATE * SECONDS;
const started = Date.now();
for (let n = 0; n < total; n++) {
  const due = started + (n * 1000) / RATE;
  const wait = due - Date.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  const ref = `r${n}`;
  pending.set(ref, process.hrtime.bigint());
  members[n % SENDERS].send(JSON.stringify({ text: `message ${n}`, ref }));
  sent += 1;
}
const deadline = Date.now() + 10_000;
while (pending.size > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
members.forEach((ws) => ws.close());
latencies.sort((a, b) => a - b);
const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]?.toFixed(2);
console.log(JSON.stringify({ sent, stored: latencies.length, refused, lost: pending.size, p50: at(0.5), p99: at(0.99),
  max: latencies.at(-1)?.toFixed(2), seconds: ((Date.now() - started) / 1000).toFixed(1) }));
process.exit(0);
