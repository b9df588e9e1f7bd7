// Churn against a running chat service at a steady rate: WebSocket members join rooms, chat, leave and
// come back with `since`; event streams open and close; long polls wait and answer; HTTP posts arrive.
// Prints one JSON line of counts when it is done. Run by bench/soak.sh, which measures the server.
//
//   node --experimental-websocket soak.js <base-url> <seconds>

const base = process.argv[2];
const seconds = Number(process.argv[3] || 600);
const wsBase = base.replace(/^http/, 'ws');
const ROOMS = 50;
const counts = { joins: 0, resumes: 0, sent: 0, received: 0, gaps: 0, sse: 0, longPolls: 0, posts: 0, errors: 0 };
const lastSeq = new Map();
const room = () => `soak-${Math.floor(Math.random() * ROOMS)}`;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function member(name) {
  return new Promise((resolve) => {
    const where = room();
    const since = lastSeq.get(where);
    const query = since ? `&since=${since.seq}&epoch=${since.epoch}` : '';
    const ws = new WebSocket(`${wsBase}/chat/${where}?name=${name}${query}`);
    let epoch = null;
    ws.onmessage = (event) => {
      const frame = JSON.parse(event.data);
      if (frame.type === 'welcome') epoch = frame.epoch;
      if (frame.type === 'gap') counts.gaps++;
      if (frame.type === 'message') {
        counts.received++;
        lastSeq.set(where, { seq: frame.seq, epoch });
      }
    };
    ws.onopen = async () => {
      counts[since ? 'resumes' : 'joins']++;
      for (let i = 0; i < 3; i++) {
        ws.send(JSON.stringify({ text: `soak ${name} ${i}`, ref: `${name}-${i}` }));
        counts.sent++;
        await sleep(300 + Math.random() * 700);
      }
      ws.close();
    };
    ws.onerror = () => { counts.errors++; };
    ws.onclose = () => resolve();
  });
}

async function stream() {
  const controller = new AbortController();
  try {
    const response = await fetch(`${base}/api/rooms/${room()}/events?name=sse${Math.floor(Math.random() * 1e6)}`,
      { signal: controller.signal });
    counts.sse++;
    const reader = response.body.getReader();
    setTimeout(() => controller.abort(), 2000 + Math.random() * 3000);
    while (!(await reader.read()).done) { /* events */ }
  } catch (e) {
    if (e.name !== 'AbortError') counts.errors++;
  }
}

async function longPoll() {
  try {
    const response = await fetch(`${base}/api/rooms/${room()}/messages?since=999999999&wait=2`);
    await response.arrayBuffer();
    counts.longPolls++;
  } catch (e) {
    counts.errors++;
  }
}

async function post() {
  try {
    const response = await fetch(`${base}/api/rooms/${room()}/messages`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'poster', text: 'soak over http' }),
    });
    await response.arrayBuffer();
    if (response.status === 201) counts.posts++; else counts.errors++;
  } catch (e) {
    counts.errors++;
  }
}

async function main() {
  const end = Date.now() + seconds * 1000;
  const running = new Set();
  const track = (promise) => { running.add(promise); promise.finally(() => running.delete(promise)); };
  let tick = 0;
  // Every 100 ms: two members arrive (one in three resuming a room it was in), and every half second an
  // event stream, a long poll and a post; about 60 members, 10 streams and 4 long polls open at a time.
  while (Date.now() < end) {
    track(member(`m${tick % 500}`));
    track(member(`n${tick % 500}`));
    if (tick % 5 === 0) {
      track(stream());
      track(longPoll());
      track(post());
    }
    tick++;
    await sleep(100);
  }
  await Promise.allSettled([...running]);
  console.log(JSON.stringify(counts));
}

main();
