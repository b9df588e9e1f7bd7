// Turns bench/scale.sh's results.jsonl into a Markdown table: one row per instance count, the two
// designs side by side.
//
//   node report.js bench/results/scale.jsonl

const fs = require('fs');
const points = fs.readFileSync(process.argv[2], 'utf8').trim().split('\n').map((line) => JSON.parse(line));
const mean = (values) => values.reduce((a, b) => a + b, 0) / values.length;
const kib = (bytes) => `${(bytes / 1024).toFixed(0)} KiB`;

function cells(point) {
  if (!point) return ['', '', ''];
  const bytes = mean(point.per_instance.map((instance) => instance.bytes_from_redis));
  const received = point.per_instance.map((instance) => instance.received);
  const cpuPerDelivery = (point.redis_cpu_s * 1e6) / point.load.delivered;
  return [
    kib(bytes),
    received.includes(null) ? 'every message' : mean(received).toFixed(0),
    `${cpuPerDelivery.toFixed(1)} µs`,
  ];
}

const counts = [...new Set(points.map((point) => point.instances))].sort((a, b) => a - b);
const first = points[0];
console.log(`${first.rate} messages/s in all for ${first.seconds} s; per instance: bytes received from Redis, messages taken from the backplane; Redis CPU per delivered message.\n`);
console.log('| instances | channels: bytes from Redis | channels: messages taken | channels: Redis CPU | feed: bytes from Redis | feed: messages taken | feed: Redis CPU | deliveries |');
console.log('|---|---|---|---|---|---|---|---|');
for (const count of counts) {
  const channels = points.find((point) => point.instances === count && point.design === 'channels');
  const feed = points.find((point) => point.instances === count && point.design === 'feed');
  console.log(`| ${count} | ${cells(channels).join(' | ')} | ${cells(feed).join(' | ')} | ${(channels || feed).load.delivered} |`);
}
