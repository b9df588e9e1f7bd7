// Turns results.jsonl from bench/run.sh into results.md and a latency-versus-throughput chart (SVG).
// Usage: node bench/report.js results.jsonl outdir "machine note"
const fs = require('fs');
const path = require('path');

const [input, outdir, machine = ''] = process.argv.slice(2);
const rows = fs.readFileSync(input, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line));
// A point run several times (run.sh --repeat) is reported by its median, with the spread of its runs.
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const runs = rows.filter((r) => !r.mode);
const load = [...new Set(runs.map((r) => `${r.target}|${r.clients}|${r.rate}`))].map((key) => {
  const same = runs.filter((r) => `${r.target}|${r.clients}|${r.rate}` === key);
  const p99s = same.map((r) => r.p99_ms);
  return { ...same[0], runs: same.length, p50_ms: median(same.map((r) => r.p50_ms)), p99_ms: median(p99s),
    p99_min_ms: Math.min(...p99s), p99_max_ms: Math.max(...p99s), p99_all: p99s,
    p999_ms: median(same.map((r) => r.p999_ms)), max_ms: Math.max(...same.map((r) => r.max_ms)),
    deliveries_per_s: median(same.map((r) => r.deliveries_per_s)), connect_ms: median(same.map((r) => r.connect_ms)),
    lost: Math.max(...same.map((r) => r.lost)), failed: Math.max(...same.map((r) => r.failed)),
    loadgen_cpu_ns_per_receipt: median(same.map((r) => r.loadgen_cpu_ns_per_receipt)) };
});
const storms = rows.filter((r) => r.mode === 'storm');
const spread = (r) => (r.runs > 1 ? ` (${r.runs} runs: ${r.p99_all.map((v) => v.toFixed(0)).join(', ')})` : '');
const stalled = rows.find((r) => r.mode === 'stalled' && r.stalled > 0);
const unstalled = rows.find((r) => r.mode === 'stalled' && !r.stalled);
const startups = rows.filter((r) => r.mode === 'startup');
const idle = rows.filter((r) => r.mode === 'idle');
const targets = ['chat', 'quarkus-broadcast', 'node-ws', 'socketio'];
const names = {
  chat: 'chat (this service)',
  'quarkus-broadcast': 'websockets-next broadcast',
  'node-ws': 'Node ws@8 relay (lecture)',
  socketio: 'Socket.IO 4 relay',
};
const held = (r) => r.lost === 0 && r.failed === 0 && r.p99_ms <= 100;
const fmt = (n) => Math.round(n).toLocaleString('en-US');

const lines = [];
lines.push(`Measured ${new Date().toISOString().slice(0, 10)} by \`bench/run.sh\` on ${machine}: each server pinned to one`);
lines.push('core, the load generator on the other; 10 senders, 64-byte texts; latency from the scheduled send time.');
lines.push('');
lines.push('| | ' + targets.map((t) => names[t]).join(' | ') + ' |');
lines.push('|---|' + targets.map(() => '---').join('|') + '|');
lines.push('| 1,000 clients: most deliveries/s held with p99 ≤ 100 ms and nothing lost | ' + targets.map((t) => {
  const best = load.filter((r) => r.target === t && r.clients === 1000 && held(r))
    .sort((a, b) => b.deliveries_per_s - a.deliveries_per_s)[0];
  return best ? `${fmt(best.deliveries_per_s)} (p99 ${best.p99_ms.toFixed(0)} ms)` : 'none held';
}).join(' | ') + ' |');
lines.push('| 10,000 clients at 100,000 deliveries/s: p50 / p99 (median of runs; each run\'s p99) | ' + targets.map((t) => {
  const r = load.find((x) => x.target === t && x.clients === 10000);
  if (!r) return 'not run';
  const failed = r.failed ? `, ${fmt(r.failed)} clients failed to connect` : '';
  const lost = r.lost ? `, ${fmt(r.lost)} lost` : '';
  if (!r.deliveries_per_s) return `nothing delivered${failed}${lost}`;
  return `${r.p50_ms.toFixed(0)} ms / ${r.p99_ms.toFixed(0)} ms${spread(r)}${failed}${lost}`;
}).join(' | ') + ' |');
const warmStorm = (t) => storms.filter((r) => r.target === t && r.warm).slice(-1)[0];
if (storms.length) {
  lines.push('| warm reconnect storm, 10,000 clients at once: all served in / connections per s / p99 time to welcome | '
    + targets.map((t) => {
      const r = warmStorm(t);
      if (!r) return 'not run';
      const failed = r.failed ? `, ${fmt(r.failed)} not served` : '';
      return `${r.all_served_s.toFixed(2)} s / ${fmt(r.connections_per_s)} / ${fmt(r.welcome_p99_ms)} ms${failed}`;
    }).join(' | ') + ' |');
}
const steps = [...new Set(idle.map((r) => r.connections).filter((c) => c > 0))].sort((a, b) => a - b);
for (const step of steps) {
  const handshake = idle.find((x) => x.connections === step)?.handshake;
  lines.push(`| RSS per idle connection at ${fmt(step)} connections${handshake ? `, ${handshake} handshakes` : ''} | ` + targets.map((t) => {
    const r = idle.find((x) => x.target === t && x.connections === step);
    return r ? `${(r.bytes_per_connection / 1024).toFixed(1)} KB` : 'not reached';
  }).join(' | ') + ' |');
}
if (stalled) {
  lines.push('');
  lines.push(`Slow readers: ${stalled.stalled} more clients join chat's room and never read, at ${fmt(stalled.clients)} clients and `
    + `${fmt(stalled.rate)} deliveries/s for ${stalled.duration_s} s. The others' p50 / p99: ${stalled.p50_ms.toFixed(0)} ms / `
    + `${stalled.p99_ms.toFixed(0)} ms`
    + (unstalled ? ` (the same run without them: ${unstalled.p50_ms.toFixed(0)} ms / ${unstalled.p99_ms.toFixed(0)} ms)` : '')
    + `, ${fmt(stalled.lost)} lost; slow-consumer disconnects: ${stalled.slow_consumer_disconnects}`
    + `; heap in use ${stalled.heap_before_mb} MB at the start, ${stalled.heap_after_mb} MB at the end`
    + (unstalled ? ` (${unstalled.heap_after_mb} MB without them).` : '.'));
}
if (startups.length) {
  lines.push('');
  lines.push('Startup, from launching the server to the first accepted WebSocket (three launches each):');
  lines.push('');
  lines.push('| how | fastest | slowest |');
  lines.push('|---|---|---|');
  for (const variant of [...new Set(startups.map((r) => r.variant))]) {
    const ms = startups.filter((r) => r.variant === variant).map((r) => r.startup_ms).sort((a, b) => a - b);
    lines.push(`| ${variant} | ${fmt(ms[0])} ms | ${fmt(ms[ms.length - 1])} ms |`);
  }
}
if (storms.length) {
  lines.push('');
  lines.push('Reconnect storms: every client connects at once (chat\'s each with `since`, served once its welcome and a');
  lines.push('replay of 50 messages arrived; a peer\'s once its greeting or open arrived); times from the storm\'s start;');
  lines.push('the first storm of each server runs cold code, the last one is the measured, warm one:');
  lines.push('');
  lines.push('| server | storm | clients | served | all served in | connections/s | p50 / p99 to welcome | p50 / p99 to served |');
  lines.push('|---|---|---|---|---|---|---|---|');
  for (const r of storms) {
    lines.push(`| ${r.target} | ${r.round + 1}${r.warm ? '' : ' (cold)'} | ${fmt(r.clients)} | ${fmt(r.served)} | ${r.all_served_s.toFixed(2)} s | `
      + `${fmt(r.connections_per_s)} | ${fmt(r.welcome_p50_ms)} / ${fmt(r.welcome_p99_ms)} ms | ${fmt(r.served_p50_ms)} / ${fmt(r.served_p99_ms)} ms |`);
  }
}
lines.push('');
lines.push('Every point (the median of its runs where it was run more than once; p99 of each run in the last column):');
lines.push('');
lines.push('| server | clients | offered deliveries/s | delivered/s | p50 ms | p99 ms | p99.9 ms | max ms | lost | failed to connect | connect ms | runs: p99 ms |');
lines.push('|---|---|---|---|---|---|---|---|---|---|---|---|');
for (const r of load) {
  lines.push(`| ${r.target} | ${fmt(r.clients)} | ${fmt(r.rate)} | ${fmt(r.deliveries_per_s)} | ${r.p50_ms.toFixed(1)} | `
    + `${r.p99_ms.toFixed(1)} | ${r.p999_ms.toFixed(1)} | ${r.max_ms.toFixed(1)} | ${fmt(r.lost)} | ${fmt(r.failed)} | ${fmt(r.connect_ms)} | `
    + `${r.p99_all.map((v) => v.toFixed(0)).join(', ')} |`);
}
lines.push('');
lines.push('Idle memory (resident set of the server process):');
lines.push('');
lines.push('| server | connections | RSS MB | per connection, from none | per connection, from the step before |');
lines.push('|---|---|---|---|---|');
idle.forEach((r, i) => {
  const per = r.connections ? `${(r.bytes_per_connection / 1024).toFixed(1)} KB` : '';
  const before = idle[i - 1];
  const step = r.connections && before && before.target === r.target && before.connections
    ? `${((r.rss_kb - before.rss_kb) / (r.connections - before.connections)).toFixed(1)} KB` : '';
  lines.push(`| ${r.target} | ${fmt(r.connections)} | ${(r.rss_kb / 1024).toFixed(0)} | ${per} | ${step} |`);
});
const receiptCost = load.filter((r) => r.target === 'chat' && r.clients === 1000)
  .sort((a, b) => b.deliveries_per_s - a.deliveries_per_s)[0];
if (receiptCost) {
  lines.push('');
  lines.push(`The load generator spent ${receiptCost.loadgen_cpu_ns_per_receipt.toFixed(0)} ns of CPU per receipt at `
    + `${fmt(receiptCost.deliveries_per_s)} receipts/s, so one core absorbs about `
    + `${fmt(1e9 / receiptCost.loadgen_cpu_ns_per_receipt)} receipts/s.`);
}
fs.writeFileSync(path.join(outdir, 'results.md'), lines.join('\n') + '\n');
fs.writeFileSync(path.join(outdir, 'latency.svg'), chart(load.filter((r) => r.clients === 1000)));

function chart(points) {
  const w = 720, h = 420, left = 70, right = 190, top = 30, bottom = 50;
  const colors = { chat: '#0b6bcb', 'quarkus-broadcast': '#c2410c', 'node-ws': '#15803d', socketio: '#7c3aed' };
  const maxX = Math.max(...points.map((p) => p.deliveries_per_s), 1);
  const yMin = 1, yMax = 10000;
  const x = (v) => left + (v / maxX) * (w - left - right);
  const y = (v) => top + (1 - (Math.log10(Math.min(Math.max(v, yMin), yMax)) / Math.log10(yMax))) * (h - top - bottom);
  const out = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" font-family="sans-serif" font-size="12">`);
  out.push(`<rect width="${w}" height="${h}" fill="#fff"/>`);
  out.push(`<text x="${left}" y="18" font-size="14" font-weight="bold">p99 latency vs delivered messages/s, 1,000 clients, one server core</text>`);
  for (const v of [1, 10, 100, 1000, 10000]) {
    out.push(`<line x1="${left}" x2="${w - right}" y1="${y(v)}" y2="${y(v)}" stroke="#e5e7eb"/>`);
    out.push(`<text x="${left - 8}" y="${y(v) + 4}" text-anchor="end">${v} ms</text>`);
  }
  out.push(`<line x1="${left}" x2="${w - right}" y1="${y(100)}" y2="${y(100)}" stroke="#9ca3af" stroke-dasharray="4 3"/>`);
  const ticks = 5;
  for (let i = 0; i <= ticks; i++) {
    const v = (maxX / ticks) * i;
    out.push(`<text x="${x(v)}" y="${h - bottom + 18}" text-anchor="middle">${(v / 1e6).toFixed(1)}M</text>`);
  }
  out.push(`<text x="${(left + w - right) / 2}" y="${h - 12}" text-anchor="middle">delivered messages per second</text>`);
  out.push(`<line x1="${left}" x2="${w - right}" y1="${h - bottom}" y2="${h - bottom}" stroke="#111"/>`);
  out.push(`<line x1="${left}" x2="${left}" y1="${top}" y2="${h - bottom}" stroke="#111"/>`);
  targets.forEach((t, i) => {
    const series = points.filter((p) => p.target === t).sort((a, b) => a.rate - b.rate);
    if (!series.length) return;
    const d = series.map((p, j) => `${j ? 'L' : 'M'}${x(p.deliveries_per_s).toFixed(1)},${y(p.p99_ms).toFixed(1)}`).join(' ');
    out.push(`<path d="${d}" fill="none" stroke="${colors[t]}" stroke-width="2"/>`);
    for (const p of series) {
      const lossy = p.lost > 0 || p.failed > 0;
      out.push(`<circle cx="${x(p.deliveries_per_s).toFixed(1)}" cy="${y(p.p99_ms).toFixed(1)}" r="3.5" fill="${lossy ? '#fff' : colors[t]}" stroke="${colors[t]}" stroke-width="1.5"/>`);
    }
    out.push(`<rect x="${w - right + 14}" y="${top + 10 + i * 22}" width="12" height="12" fill="${colors[t]}"/>`);
    out.push(`<text x="${w - right + 32}" y="${top + 20 + i * 22}">${names[t]}</text>`);
  });
  out.push(`<text x="${w - right + 14}" y="${top + 120}" fill="#6b7280">hollow: messages lost</text>`);
  out.push(`<text x="${w - right + 14}" y="${top + 136}" fill="#6b7280">dashed: 100 ms</text>`);
  out.push('</svg>');
  return out.join('\n') + '\n';
}
