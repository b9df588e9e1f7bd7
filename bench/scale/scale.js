// The load of one scale-out point: against N instances, each instance gets its own members in a room of
// its own, and one room is shared by a member on every instance. Messages go out at a fixed total rate,
// spread evenly over the rooms, each from a member of that room. Prints one JSON line of counts.
//
//   node --experimental-websocket scale.js <seconds> <messages-per-second> <members-per-room> <url>...

const [seconds, rate, perRoom] = process.argv.slice(2, 5).map(Number);
const bases = process.argv.slice(5).map((url) => url.replace(/^http/, 'ws'));
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const counts = { sent: 0, acknowledged: 0, refused: 0, delivered: 0, errors: 0 };
const run = Date.now().toString(36);

function member(base, room, name) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${base}/chat/${room}?name=${name}`);
    ws.onmessage = (event) => {
      const frame = JSON.parse(event.data);
      if (frame.type === 'welcome') resolve(ws);
      if (frame.type === 'message') {
        counts.delivered++;
        if (frame.from === name) counts.acknowledged++;
      }
      if (frame.type === 'error') counts.refused++;
    };
    ws.onerror = () => { counts.errors++; reject(new Error(`${room} on ${base}`)); };
  });
}

async function main() {
  const rooms = [];
  for (const [i, base] of bases.entries()) {
    const room = `own-${run}-${i}`;
    const members = [];
    for (let m = 0; m < perRoom; m++) members.push(await member(base, room, `m${i}x${m}`));
    rooms.push(members);
  }
  const shared = [];
  for (const [i, base] of bases.entries()) shared.push(await member(base, `shared-${run}`, `s${i}`));
  rooms.push(shared);

  const interval = 1000 / rate;
  const end = Date.now() + seconds * 1000;
  let next = Date.now();
  for (let i = 0; Date.now() < end; i++) {
    const members = rooms[i % rooms.length];
    members[Math.floor(i / rooms.length) % members.length].send(JSON.stringify({ text: `m${i}` }));
    counts.sent++;
    next += interval;
    const wait = next - Date.now();
    if (wait > 0) await sleep(wait);
  }
  await sleep(2000);
  rooms.flat().forEach((ws) => ws.close());
  console.log(JSON.stringify({ rooms: rooms.length, members: rooms.flat().length, ...counts }));
}

main().catch((e) => { console.error(e); process.exit(1); });
