// Time from launching a server to its first accepted WebSocket: starts the command, then opens a fresh
// connection every 5 ms and sends an upgrade until a 101 comes back. Prints one JSON line.
//
//   node bench/startup.js --target chat --port 18480 --path /chat/startup -- java -jar target/quarkus-app/quarkus-run.jar
'use strict';
const { spawn } = require('node:child_process');
const net = require('node:net');

const args = process.argv.slice(2);
const split = args.indexOf('--');
const options = {};
for (let i = 0; i < split; i += 2) options[args[i].replace(/^--/, '')] = args[i + 1];
const [command, ...commandArgs] = args.slice(split + 1);
const port = Number(options.port);
const path = options.path || '/';
const request = `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n`
  + 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n';

const started = process.hrtime.bigint();
const server = spawn(command, commandArgs, { stdio: ['ignore', 'ignore', 'inherit'], cwd: options.cwd || process.cwd() });
server.on('exit', code => { console.error(`server exited with ${code} before accepting a WebSocket`); process.exit(1); });

function attempt() {
  const socket = net.connect(port, '127.0.0.1');
  let answer = '';
  const retry = () => { socket.destroy(); setTimeout(attempt, 5); };
  socket.on('connect', () => socket.write(request));
  socket.on('data', chunk => {
    answer += chunk.toString('latin1');
    if (!answer.includes('\r\n')) return;
    if (!answer.startsWith('HTTP/1.1 101')) return retry();
    const millis = Number(process.hrtime.bigint() - started) / 1e6;
    console.log(JSON.stringify({ target: options.target, mode: 'startup', variant: options.variant || 'default',
      startup_ms: Math.round(millis) }));
    server.removeAllListeners('exit');
    server.kill('SIGKILL');
    socket.destroy();
  });
  socket.on('error', retry);
}
attempt();
