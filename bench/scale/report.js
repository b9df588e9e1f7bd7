// Turns bench/scale.sh's results.jsonl into a Markdown table: one row per instance count, the two
// designs side by side.
//
//   node report.js bench/results/scale.jsonl

const fs = require('fs');
const points = fs.readFileSync(process.argv[2], 'utf8').trim().split('\n').map((line) => JSON.parse(line));
const mean = (values) => values.reduce((a, b) => a + b, 0) / values.length;
const kib = (bytes) => `${(bytes / 1024).toFixed(0)} KiB`;

function cells(point) {
  if (!point) return ['', '', '', '', ''];
  const bytes = point.per_instance.map((instance) => instance.bytes_from_redis);
  const received = point.per_instance.map((instance) => instance.received);
  const cpuPerDelivery = (point.redis_cpu_s * 1e6) / point.load.delivered;
  return [
    kib(mean(bytes)),
    kib(bytes.reduce((a, b) => a + b, 0)),
    received.includes(null) ? 'all' : mean(received).toFixed(0),
    `${cpuPerDelivery.toFixed(0)} µs`,
    point.evalsha_usec_per_call == null ? '' : `${point.evalsha_usec_per_call.toFixed(1)} µs`,
  ];
}

const counts = [...new Set(points.map((point) => point.instances))].sort((a, b) => a - b);
const first = points[0];
console.log(`${first.rate} messages/s in all for ${first.seconds} s. Bytes each instance received from Redis, and all of them together; messages an instance took from the backplane (per instance); Redis CPU (INFO cpu, user + sys) per delivered message; Redis' own time per script call (INFO commandstats, every EVALSHA: messages, presence, history reads).\n`);
console.log('| instances | deliveries | channels: bytes per instance | channels: all instances | channels: messages per instance | channels: Redis CPU per delivery | channels: per script | feed: bytes per instance | feed: all instances | feed: messages per instance | feed: Redis CPU per delivery | feed: per script |');
console.log('|---|---|---|---|---|---|---|---|---|---|---|---|');
for (const count of counts) {
  const channels = points.find((point) => point.instances === count && point.design === 'channels');
  const feed = points.find((point) => point.instances === count && point.design === 'feed');
  console.log(`| ${count} | ${(channels || feed).load.delivered} | ${cells(channels).join(' | ')} | ${cells(feed).join(' | ')} |`);
}
