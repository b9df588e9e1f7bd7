// Types of the chat client (chat.js). The frames are the service's wire contract; see the
// repository README, "Wire contract", and the AsyncAPI document at /q/asyncapi.

export type Transport = 'auto' | 'websocket' | 'sse' | 'long-polling' | 'polling';

/** Gives a token: called for the first connection, again before each token expires, and after one did. */
export type TokenProvider = () => string | Promise<string>;

export interface ConnectOptions {
  /** The service's root, e.g. "https://chat.example.com". In a page it defaults to the page's origin. */
  url?: string | URL;
  /** The room, `[a-z0-9][a-z0-9_-]{0,63}`; "lobby" when absent. */
  room?: string;
  /** Display name in open mode; absent means a guest name. Ignored when a token is given. */
  name?: string;
  /** A JWT (chat.auth.mode=token), or a function that provides fresh ones and so renews the session. */
  token?: string | TokenProvider;
  /** "auto" (the default) tries WebSocket, then SSE, then long polling, each time one fails before it opened. */
  transport?: Transport;
  /** How often a send refused as `unavailable` or `rate_limited` is tried again before it rejects (3). */
  sendRetries?: number;
  /** Polling: the pause between two polls (2000 ms). The client's `pollIntervalMs` field changes it later. */
  pollIntervalMs?: number;
  /** Long polling: how long the server holds each poll, `wait` (25 s, at most 30). The client's `longPollWaitS` field changes it later. */
  longPollWaitS?: number;
  /** WebSocket: ask for a `handshake` frame (`wire=1`), the service's view of the upgrade, as the `handshake` event. */
  handshake?: boolean;
  /** Environment constructors, for runtimes without them (Node 20: the `ws` and `eventsource` packages). */
  WebSocket?: unknown;
  EventSource?: unknown;
  fetch?: typeof fetch;
}

export interface ChatMessage {
  type: 'message';
  room: string;
  seq: number;
  from: string;
  text?: string;
  timestamp: number;
  ref?: string;
  /** The sender's verified `sub`, in token mode. */
  uid?: string;
  /** When its text was last edited (ms since the epoch); absent when never. */
  edited?: number;
  /** A tombstone: a moderator deleted it; it has no text. */
  deleted?: boolean;
  /** Emoji to how many people reacted with it, in first-used order; absent when none. */
  reactions?: Record<string, number>;
}

export interface Welcome {
  type: 'welcome';
  text: string;
  room: string;
  name: string;
  lastSeq: number;
  epoch: string;
  online: number;
  timestamp: number;
  uid?: string;
  exp?: number;
  /** Token mode: how far this user has read the room; absent until the user marks it. */
  read?: number;
}

/**
 * A person came or went. In token mode a person is a verified user (`uid`): a second device of one user
 * is not announced, and two users under one name are two people. In open mode a person is a name.
 */
export interface Presence {
  type: 'join' | 'leave';
  room: string;
  /** The name the person shows under now (token mode: their latest connection's). */
  name: string;
  /** Token mode only. */
  uid?: string;
  /** People online after the change. */
  online: number;
  timestamp: number;
}

export interface Gap {
  type: 'gap';
  room: string;
  from: number;
  to: number;
  /** The room's history started over (a new epoch): what follows starts it. */
  reset?: boolean;
}

export interface Deletion {
  type: 'delete';
  room: string;
  seq: number;
}

/** Message `seq` of the room now reads `text`, since `edited` (ms since the epoch). */
export interface Edit {
  type: 'edit';
  room: string;
  seq: number;
  text: string;
  edited: number;
}

/** Someone else in the room is typing; not stored. */
export interface Typing {
  type: 'typing';
  room: string;
  name: string;
  /** The typer's verified `sub`, in token mode. */
  uid?: string;
}

/** Token mode: how far this user has read the room, from any of the user's devices. */
export interface ReadMark {
  type: 'read';
  room: string;
  seq: number;
}

/** Message `seq` now has these reaction counts (all of them; an emoji at 0 is left out). */
export interface Reactions {
  type: 'reactions';
  room: string;
  seq: number;
  reactions: Record<string, number>;
}

export type State =
  | { state: 'idle' }
  | { state: 'connecting'; attempt: number }
  | { state: 'open'; transport: Exclude<Transport, 'auto'>; welcome: Welcome }
  | { state: 'reconnecting'; attempt: number; delayMs?: number; code?: number; reason?: string }
  | { state: 'closed' };

export declare class ChatError extends Error {
  /** The server's code (bad_request, too_long, rejected, rate_limited, unavailable, unauthorized, forbidden, not_found), or closed, token, offline. */
  code: string;
  /** With code rejected: the reason the application's publish hook gave. */
  reason?: string;
  /** The ref of the send it answers, if any. */
  ref?: string;
}

export interface ChatEvents {
  message: (message: ChatMessage, info: { mine: boolean }) => void;
  presence: (event: Presence) => void;
  /** Over a WebSocket or an event stream; the polling transports receive none. */
  typing: (event: Typing) => void;
  /** Token mode, over a WebSocket or an event stream: the user's mark moved (this device or another). */
  read: (mark: ReadMark) => void;
  gap: (gap: Gap) => void;
  delete: (deletion: Deletion) => void;
  /** A message was edited; on every transport (pollers: an edit of a message they hold, once). */
  edit: (edit: Edit) => void;
  /** A message's reaction counts changed (or, after a resume, may have): on every transport. */
  reactions: (event: Reactions) => void;
  state: (state: State) => void;
  error: (error: ChatError) => void;
  /** Every frame, event and request, as text, for a network panel: direction is ↑ → (out) or ↓ (in). */
  wire: (direction: string, text: string) => void;
  /** With the `handshake` option, on a WebSocket: the upgrade request and the 101 as the service saw them. */
  handshake: (handshake: Handshake) => void;
}

export interface HttpHead {
  /** The request line or the status line. */
  line: string;
  headers: { name: string; value: string }[];
}

export interface Handshake {
  type: 'handshake';
  request: HttpHead;
  response: HttpHead;
}

/** A send in flight: resolves with the stored message, rejects with a ChatError. */
export interface Sending extends Promise<ChatMessage> {
  /** The ref the message carries, to recognise it before it is stored. */
  readonly ref: string;
}

export declare class ChatClient {
  constructor(options?: ConnectOptions);
  readonly state: State;
  readonly room: string;
  pollIntervalMs: number;
  longPollWaitS: number;
  on<K extends keyof ChatEvents>(type: K, listener: ChatEvents[K]): () => void;
  off<K extends keyof ChatEvents>(type: K, listener: ChatEvents[K]): void;
  start(): void;
  /** Sends `text`; while the client is away it waits and goes out once it is back, after the replay. */
  send(text: string): Sending;
  /** Says this client is typing; call it on every keystroke, it goes out at most once per 2 s. */
  typing(): void;
  /**
   * Token mode: marks the room read up to `seq` (only forward; a lower seq is not sent). Over a WebSocket a
   * frame, otherwise `POST .../read`; resolves once sent, rejects with a ChatError for a refused one.
   */
  read(seq: number): Promise<void>;
  /** The user's read mark as last told: welcome's `read`, then every `read` event. Null without one. */
  readonly readMark: number | null;
   * Gives message `seq` (one's own; a moderator's: any) a new text. Resolves with the room's `edit`; rejects with
   * a ChatError: forbidden, not_found, gone, bad_request, too_long, rate_limited, rejected, or offline. In open
   * mode only the WebSocket that posted a message may edit it; the HTTP transports are refused (forbidden).
   */
  edit(seq: number, text: string): Promise<Edit>;
  /**
   * Toggles this client's reaction (one emoji) to message `seq`; everyone, this client too, receives
   * `reactions`. Over HTTP resolves with the counts and rejects with a ChatError (bad_request, not_found,
   * rate_limited); over a WebSocket resolves once sent, and a refusal comes as an `error` event.
   */
  react(seq: number, emoji: string): Promise<Reactions | void>;
  /** Closes for good; sends still waiting reject with code "closed". */
  close(): void;
}

/** Opens a client on a room and starts connecting. */
export declare function connect(options?: ConnectOptions): ChatClient;

/** The claims of a JWT, unverified (for display); {} when it is not one. */
export declare function tokenClaims(token: string): Record<string, unknown>;
