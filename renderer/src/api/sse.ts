// Server-sent events over fetch (the session cookie goes with it, as with any same-origin
// request): fetch lets us tell a refused session (401) from a broken connection, which
// EventSource cannot, and bound the silence ourselves. Parsed here from a ReadableStream.
import { eventNames, type EventName } from '../../../electron/contract/events.js';
import type { AnyEvent, ConnectionState } from './transport.js';

export interface SseMessage {
  event: string;
  data: string;
}

/** Incremental parser for the text/event-stream format; feed it decoded text as it arrives. */
export class SseParser {
  private buffer = '';
  private event = '';
  private data: string[] = [];
  /** The previous chunk ended in "\r": a "\n" opening this one belongs to that line break. */
  private afterCR = false;

  push(text: string): SseMessage[] {
    if (this.afterCR && text.startsWith('\n')) text = text.slice(1);
    this.afterCR = text.endsWith('\r');
    this.buffer += text;
    const messages: SseMessage[] = [];
    const lines = this.buffer.split(/\r\n|\r|\n/);
    this.buffer = lines.pop() ?? '';
    for (const line of lines) {
      if (line === '') {
        if (this.data.length > 0) messages.push({ event: this.event || 'message', data: this.data.join('\n') });
        this.event = '';
        this.data = [];
        continue;
      }
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon === -1 ? line : line.slice(0, colon);
      let value = colon === -1 ? '' : line.slice(colon + 1);
      if (value.startsWith(' ')) value = value.slice(1);
      if (field === 'event') this.event = value;
      else if (field === 'data') this.data.push(value);
    }
    return messages;
  }
}

const knownEvents = new Set<string>(eventNames);

function toEvent(message: SseMessage): AnyEvent | null {
  if (!knownEvents.has(message.event)) return null;
  try {
    return { event: message.event as EventName, data: JSON.parse(message.data) } as AnyEvent;
  } catch {
    return null;
  }
}

export interface EventStreamOptions {
  url: string;
  onEvent: (event: AnyEvent) => void;
  onState: (state: ConnectionState) => void;
}

const FIRST_RETRY_MS = 500;
const MAX_RETRY_MS = 15_000;
/** The server sends a heartbeat every 15 s; this much silence means the connection is dead (e.g. after sleep). */
const SILENCE_LIMIT_MS = 45_000;

/** Keeps one event stream open, reconnecting with exponential backoff; returns stop(). */
export function openEventStream({ url, onEvent, onState }: EventStreamOptions): () => void {
  let stopped = false;
  let controller: AbortController | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let failures = 0;

  async function connectOnce(): Promise<'ended' | 'unauthorized'> {
    controller = new AbortController();
    const abort = controller;
    let silence: ReturnType<typeof setTimeout> | undefined;
    const armSilence = () => {
      clearTimeout(silence);
      silence = setTimeout(() => abort.abort(), SILENCE_LIMIT_MS);
    };
    try {
      armSilence();
      const response = await fetch(url, {
        headers: { Accept: 'text/event-stream' },
        cache: 'no-store',
        credentials: 'same-origin',
        signal: abort.signal,
      });
      if (response.status === 401) return 'unauthorized';
      if (!response.ok || !response.body) return 'ended';
      failures = 0;
      onState('live');
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      const parser = new SseParser();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return 'ended';
        armSilence();
        for (const message of parser.push(value)) {
          const event = toEvent(message);
          if (event) onEvent(event);
        }
      }
    } catch {
      return 'ended';
    } finally {
      clearTimeout(silence);
    }
  }

  async function run(): Promise<void> {
    onState('connecting');
    while (!stopped) {
      const outcome = await connectOnce();
      if (stopped) return;
      if (outcome === 'unauthorized') {
        onState('unauthorized');
        return;
      }
      onState('reconnecting');
      const delay = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** failures) * (0.75 + Math.random() * 0.5);
      failures += 1;
      await new Promise<void>((resolve) => {
        retryTimer = setTimeout(resolve, delay);
      });
    }
  }

  void run();
  return () => {
    stopped = true;
    clearTimeout(retryTimer);
    controller?.abort();
  };
}
