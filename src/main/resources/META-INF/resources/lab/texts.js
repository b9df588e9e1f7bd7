// Every word the lab shows, in English and Korean (the lecture's language). Elements name their text
// with data-text (content), data-label (aria-label) or data-placeholder; the rest comes from text().

const TEXTS = {
  en: {
    title: 'Lab: four ways to be live',
    intro: 'Four members of one room, each on one technique from the lecture. Send a message and watch how it reaches each of them: the requests, the empty answers, the held requests, the stream and the frames.',
    language: 'Language',
    backToChat: 'Back to the chat',
    room: 'Room',
    message: 'Message',
    send: 'Send',
    sendPlaceholder: 'Type a message for all four',
    pollInterval: 'Polling interval (ms)',
    longPollWait: 'Long-poll wait (s)',
    ranking: 'Measured so far',
    rankingEmpty: 'Send a message to compare the four.',
    technique: 'Technique',
    latency: 'Latency (avg)',
    requestsPerMessage: 'Requests per message',
    bytesPerMessage: 'Bytes per message',
    polling: 'Polling',
    longPolling: 'Long polling',
    sse: 'Server-Sent Events',
    websocket: 'WebSocket',
    pollingHow: 'Asks again every interval: GET …/messages?since=N, answered at once, often with nothing.',
    longPollingHow: 'Asks and waits: the server holds GET …/messages?since=N&wait=S until a message arrives or the wait ends (204).',
    sseHow: 'One response that never ends: the server writes events into it. The browser resumes with Last-Event-ID.',
    websocketHow: 'One HTTP request upgraded (101) to a socket; then frames go both ways.',
    requests: 'Requests',
    empty: 'Empty answers',
    bytes: 'Bytes received',
    delivered: 'Delivered',
    lastLatency: 'Last latency',
    log: 'What went over the wire',
    connecting: 'connecting…',
    live: 'live',
    away: 'reconnecting…',
    drop: 'Drop the connection',
    dropped: (retry) => `dropped by the page; the browser reconnects in ${retry} ms (retry:) with Last-Event-ID`,
    resumed: (id) => `resumed after id ${id}: the server replays what came meanwhile`,
    noGap: (from, to) => `nothing lost: ${from} → ${to} in order`,
    gapSeen: (from, to) => `gap: expected ${from}, got ${to}`,
    released: (what) => `released by ${what}`,
    releasedByMessage: (n) => `${n} message${n === 1 ? '' : 's'}`,
    releasedByTimeout: 'the wait timeout (204)',
    held: 'held…',
    emptyAnswer: 'empty',
    waited: (ms) => `waited ${ms} ms`,
    responseHead: 'Response head',
    rawStream: 'Raw stream',
    handshake: 'Opening handshake, as the server saw and answered it',
    handshakeRequest: 'Request (browser → server)',
    handshakeResponse: 'Response (server → browser)',
    acceptSteps: 'Sec-WebSocket-Accept, step by step (RFC 6455 §4.2.2)',
    stepKey: '1. Sec-WebSocket-Key, chosen by the browser',
    stepConcat: '2. the key followed by the protocol\'s GUID, 258EAFA5-E914-47DA-95CA-C5AB0DC85B11',
    stepSha1: '3. SHA-1 of that (20 bytes, hex)',
    stepBase64: '4. base64 of the 20 bytes',
    stepServer: 'The server answered',
    matches: 'matches ✓',
    differs: 'differs ✗',
    frames: 'Frames',
    frameOut: 'browser → server',
    frameIn: 'server → browser',
    masked: 'masked',
    unmasked: 'not masked',
    maskNote: 'Frames from the browser are always masked, frames from the server never are (RFC 6455 §5.1). Pings and pongs are answered by the browser itself and never reach the page.',
    arrived: (ms) => `arrived after ${ms} ms`,
    msUnit: 'ms',
    bytesUnit: 'B',
  },
  ko: {
    title: '실습: 실시간을 만드는 네 가지 방법',
    intro: '한 방의 네 멤버가 강의의 기법을 하나씩 씁니다. 메시지를 보내고 각자에게 어떻게 도착하는지 보세요: 요청, 빈 응답, 붙잡힌 요청, 스트림, 프레임.',
    language: '언어',
    backToChat: '채팅으로 돌아가기',
    room: '방',
    message: '메시지',
    send: '보내기',
    sendPlaceholder: '네 멤버 모두에게 보낼 메시지',
    pollInterval: '폴링 간격 (ms)',
    longPollWait: '롱 폴링 대기 (초)',
    ranking: '지금까지의 측정',
    rankingEmpty: '메시지를 보내면 네 기법을 비교합니다.',
    technique: '기법',
    latency: '지연 (평균)',
    requestsPerMessage: '메시지당 요청 수',
    bytesPerMessage: '메시지당 바이트',
    polling: '폴링',
    longPolling: '롱 폴링',
    sse: 'SSE (Server-Sent Events)',
    websocket: '웹 소켓',
    pollingHow: '간격마다 다시 묻습니다: GET …/messages?since=N. 곧바로 답하며, 빈 답도 많습니다.',
    longPollingHow: '묻고 기다립니다: 서버는 메시지가 오거나 대기가 끝날 때(204)까지 GET …/messages?since=N&wait=S 를 붙잡아 둡니다.',
    sseHow: '끝나지 않는 응답 하나에 서버가 이벤트를 씁니다. 브라우저는 Last-Event-ID 로 이어 받습니다.',
    websocketHow: 'HTTP 요청 하나가 101 로 업그레이드되어 소켓이 되고, 그 뒤로 프레임이 양방향으로 오갑니다.',
    requests: '요청',
    empty: '빈 응답',
    bytes: '받은 바이트',
    delivered: '전달됨',
    lastLatency: '최근 지연',
    log: '네트워크로 오간 것',
    connecting: '연결 중…',
    live: '연결됨',
    away: '다시 연결 중…',
    drop: '연결 끊기',
    dropped: (retry) => `페이지가 연결을 끊었습니다. 브라우저가 ${retry} ms 뒤(retry:) Last-Event-ID 와 함께 다시 연결합니다`,
    resumed: (id) => `id ${id} 다음부터 이어 받음: 그 사이의 메시지를 서버가 다시 보냅니다`,
    noGap: (from, to) => `빠짐 없음: ${from} → ${to} 순서대로`,
    gapSeen: (from, to) => `빠진 메시지: ${from} 을(를) 기대했지만 ${to}`,
    released: (what) => `${what} 때문에 응답`,
    releasedByMessage: (n) => `메시지 ${n}개`,
    releasedByTimeout: '대기 시간 초과(204)',
    held: '붙잡혀 있음…',
    emptyAnswer: '빈 응답',
    waited: (ms) => `${ms} ms 기다림`,
    responseHead: '응답 헤더',
    rawStream: '스트림 원문',
    handshake: '여는 핸드셰이크: 서버가 받고 답한 그대로',
    handshakeRequest: '요청 (브라우저 → 서버)',
    handshakeResponse: '응답 (서버 → 브라우저)',
    acceptSteps: 'Sec-WebSocket-Accept 계산 과정 (RFC 6455 §4.2.2)',
    stepKey: '1. 브라우저가 고른 Sec-WebSocket-Key',
    stepConcat: '2. 키 뒤에 프로토콜의 GUID(258EAFA5-E914-47DA-95CA-C5AB0DC85B11)를 붙인 것',
    stepSha1: '3. 그 SHA-1 (20바이트, 16진수)',
    stepBase64: '4. 20바이트의 base64',
    stepServer: '서버의 답',
    matches: '일치 ✓',
    differs: '불일치 ✗',
    frames: '프레임',
    frameOut: '브라우저 → 서버',
    frameIn: '서버 → 브라우저',
    masked: '마스킹됨',
    unmasked: '마스킹 안 됨',
    maskNote: '브라우저가 보내는 프레임은 항상 마스킹되고, 서버가 보내는 프레임은 절대 마스킹되지 않습니다 (RFC 6455 §5.1). 핑과 퐁은 브라우저가 직접 답하므로 페이지에는 보이지 않습니다.',
    arrived: (ms) => `${ms} ms 만에 도착`,
    msUnit: 'ms',
    bytesUnit: 'B',
  },
};

export const LANGUAGES = Object.keys(TEXTS);
let current = 'en';

export function language() {
  return current;
}

export function setLanguage(code) {
  current = TEXTS[code] ? code : 'en';
  document.documentElement.lang = current;
}

// A text, or a sentence built from values when the entry is a function.
export function text(key, ...values) {
  const entry = TEXTS[current][key] ?? TEXTS.en[key];
  return typeof entry === 'function' ? entry(...values) : entry;
}

// Fills every marked element under root with the current language's words.
export function applyTexts(root) {
  for (const node of root.querySelectorAll('[data-text]')) node.textContent = text(node.dataset.text);
  for (const node of root.querySelectorAll('[data-label]')) node.setAttribute('aria-label', text(node.dataset.label));
  for (const node of root.querySelectorAll('[data-placeholder]')) node.placeholder = text(node.dataset.placeholder);
  document.title = text('title');
}

// The page's first language: the one asked for, the one chosen before, or the browser's.
export function initialLanguage() {
  const asked = new URLSearchParams(location.search).get('lang');
  let stored = null;
  try {
    stored = localStorage.getItem('lab-language');
  } catch {
    // storage may be unavailable; the browser's language decides
  }
  const browser = (navigator.language || 'en').toLowerCase().startsWith('ko') ? 'ko' : 'en';
  return [asked, stored, browser].find((code) => code && TEXTS[code]);
}

export function rememberLanguage(code) {
  try {
    localStorage.setItem('lab-language', code);
  } catch {
    // not remembered; the switch still works for this visit
  }
}
