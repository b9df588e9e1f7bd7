// The attack from issue "hostile load": one anonymous client on one address posts 2,000-character texts
// into 300 rooms, 64 requests in flight, a new name in every request, while liveness is asked every
// 250 ms. Prints one JSON line: posts accepted (201), refused (429), failed otherwise, and the slowest
// liveness answer.
//
//   node flood.js <base-url> <seconds>

const base = process.argv[2];
const seconds = Number(process.argv[3] || 60);
const text = 'x'.repeat(2000);
const result = { accepted: 0, refused: 0, otherStatus: 0, failed: 0, livenessAsked: 0, livenessFailed: 0, slowestLivenessMs: 0 };
const end = Date.now() + seconds * 1000;
let next = 0;

async function flooder() {
  while (Date.now() < end) {
    const i = next++;
    try {
      const response = await fetch(`${base}/api/rooms/fill${i % 300}/messages`, {
        method: 'POST', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ name: `n${i}`, text }),
      });
      await response.arrayBuffer();
      if (response.status === 201) result.accepted++;
      else if (response.status === 429) result.refused++;
      else result.otherStatus++;
    } catch (e) {
      result.failed++;
    }
  }
}

async function probe() {
  while (Date.now() < end) {
    const asked = Date.now();
    result.livenessAsked++;
    try {
      const response = await fetch(`${base}/q/health/live`, { signal: AbortSignal.timeout(30000) });
      await response.arrayBuffer();
      if (response.status !== 200) result.livenessFailed++;
    } catch (e) {
      result.livenessFailed++;
    }
    result.slowestLivenessMs = Math.max(result.slowestLivenessMs, Date.now() - asked);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

Promise.all([probe(), ...Array.from({ length: 64 }, flooder)]).then(() => console.log(JSON.stringify(result)));
