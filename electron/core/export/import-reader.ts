// Reads an import file as a stream of JSON tokens (stream-json's tokenizer) and hands over its
// entries one at a time: the HAR log's `log.entries[i]` or a Hookscope export's `deliveries[i]`.
// Only an entry being read is materialised (stream-json's Assembler, iterative: no recursion on
// nesting); everything else in the file (pages, creator, comments) is skipped token by token.
// The file is untrusted: nesting depth, entry count and the bytes one entry may span are bounded,
// and every failure is an ImportError that says where (bytes and entry), so a malformed file is
// a clear message rather than a crash or a stall.
import Assembler from 'stream-json/assembler.js';
import { jsonParser } from 'stream-json/parser.js';
import type { NewDelivery } from '../store/delivery-repository.js';
import { deliveryFrom, ImportError, KIND_LABEL, MAX_IMPORT_ENTRIES, type ImportKind } from './import.js';

type Token = { name: string; value?: unknown };

// stream-chain's flushable protocol (stream-json's own dependency): this registered symbol, passed
// in, flushes the tokenizer; returned, it means "no tokens".
const NONE = Symbol.for('object-stream.none');

export interface ReaderLimits {
  /** Deepest nesting accepted anywhere in the file. */
  maxDepth: number;
  /** Bytes of the file one entry may span (its bodies in base64 or text included). */
  maxEntryBytes: number;
  maxEntries: number;
}

export const DEFAULT_READER_LIMITS: ReaderLimits = { maxDepth: 512, maxEntryBytes: 160 * 1024 * 1024, maxEntries: MAX_IMPORT_ENTRIES };

/** How much text is handed to the tokenizer at once: the granularity of "where" and of the entry bound. */
export const READ_SLICE_BYTES = 64 * 1024;

export type EntryHandler = (kind: ImportKind, value: unknown, index: number) => void;

export class ImportReader {
  private readonly parse = jsonParser({ streamValues: false });
  private readonly limits: ReaderLimits;
  /** Per open container: 'o' object or 'a' array, and the key it was opened under. */
  private readonly stack: { type: 'o' | 'a'; key: string | null }[] = [];
  private key: string | null = null;
  private started = false;
  private kind: ImportKind | null = null;
  private format: unknown;
  private entryDepth = -1;
  private entry: Assembler | null = null;
  private entryStartedAt = 0;
  private bytesBefore = 0;
  private bytesRead = 0;
  private first = true;
  /** Entries handed over so far. */
  count = 0;

  constructor(
    private readonly onEntry: EntryHandler,
    limits: Partial<ReaderLimits> = {},
  ) {
    this.limits = { ...DEFAULT_READER_LIMITS, ...limits };
  }

  /** Feeds decoded text that was `byteLength` bytes of the file. */
  write(text: string, byteLength: number): void {
    this.bytesBefore = this.bytesRead;
    this.bytesRead += byteLength;
    if (this.first && text.length > 0) {
      this.first = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    this.run(() => this.parse(text));
    if (this.entry && this.bytesRead - this.entryStartedAt > this.limits.maxEntryBytes) {
      throw this.error(`entry ${this.count + 1} spans more than ${this.limits.maxEntryBytes} bytes of the file`);
    }
  }

  /** The file ended: checks it was complete and of a known kind. */
  end(): void {
    this.bytesBefore = this.bytesRead;
    this.run(() => this.parse(NONE as unknown as string));
    if (!this.started) throw new ImportError('the file is empty: expected a HAR log or a Hookscope JSON export');
    if (this.stack.length > 0) throw this.error('the file ends in the middle of the JSON');
    if (this.kind === null) throw new ImportError(`${KIND_LABEL.har}: log.entries: missing (neither a HAR log nor a Hookscope JSON export)`);
    if (this.kind === 'json' && this.format !== 'hookscope.deliveries') {
      throw new ImportError(`${KIND_LABEL.json}: format: expected "hookscope.deliveries" next to "deliveries"`);
    }
  }

  private run(step: () => unknown): void {
    let produced: unknown;
    try {
      produced = step();
    } catch (error) {
      if (error instanceof ImportError) throw error;
      throw this.error(`not valid JSON: ${(error as Error).message}`);
    }
    if (produced === NONE) return;
    for (const token of (produced as { values: Token[] }).values) this.token(token);
  }

  private error(message: string): ImportError {
    const where = this.bytesRead === this.bytesBefore ? `at byte ${this.bytesRead}` : `between bytes ${this.bytesBefore} and ${this.bytesRead}`;
    const entry = this.kind ? `, ${this.entry ? `in entry ${this.count + 1}` : `after entry ${this.count}`}` : '';
    return new ImportError(`${message} (${where}${entry})`);
  }

  private token(token: Token): void {
    if (this.entry) return this.entryToken(token);
    if (!this.started) {
      this.started = true;
      if (token.name !== 'startObject') throw this.error('the file is not a JSON object: expected a HAR log or a Hookscope JSON export');
    }
    switch (token.name) {
      case 'keyValue':
        this.key = token.value as string;
        return;
      case 'startObject':
      case 'startArray':
        if (this.inEntries()) return this.startEntry(token);
        this.open(token.name === 'startObject' ? 'o' : 'a');
        if (token.name === 'startArray') this.maybeEntries();
        return;
      case 'endObject':
      case 'endArray':
        if (this.stack.length - 1 === this.entryDepth) this.entryDepth = -1;
        this.stack.pop();
        this.key = null;
        return;
      default:
        if (this.inEntries()) return this.handOver(token.value ?? null);
        if (this.stack.length === 1 && this.key === 'format') this.format = token.value;
        this.key = null;
    }
  }

  private open(type: 'o' | 'a'): void {
    if (this.stack.length >= this.limits.maxDepth) throw this.error(`nested deeper than ${this.limits.maxDepth} levels`);
    this.stack.push({ type, key: this.key });
    this.key = null;
  }

  /** `log.entries` (HAR) or top-level `deliveries` (Hookscope JSON) just opened. */
  private maybeEntries(): void {
    const depth = this.stack.length;
    const here = this.stack[depth - 1]!;
    const kind: ImportKind | null =
      depth === 3 && here.key === 'entries' && this.stack[1]!.key === 'log' && this.stack[1]!.type === 'o'
        ? 'har'
        : depth === 2 && here.key === 'deliveries'
          ? 'json'
          : null;
    if (!kind) return;
    if (this.kind) throw this.error('the file holds both a HAR log and a Hookscope export');
    this.kind = kind;
    this.entryDepth = depth - 1;
  }

  private inEntries(): boolean {
    return this.entryDepth >= 0 && this.stack.length - 1 === this.entryDepth;
  }

  private startEntry(token: Token): void {
    if (this.count >= this.limits.maxEntries) throw this.error(`at most ${this.limits.maxEntries} entries per import`);
    this.entry = new Assembler();
    this.entryStartedAt = this.bytesBefore;
    this.entryToken(token);
  }

  private entryToken(token: Token): void {
    const entry = this.entry!;
    entry.consume(token as never);
    if (entry.depth + this.stack.length > this.limits.maxDepth) throw this.error(`nested deeper than ${this.limits.maxDepth} levels`);
    if (!entry.done) return;
    this.entry = null;
    this.handOver(entry.current);
  }

  private handOver(value: unknown): void {
    if (this.count >= this.limits.maxEntries) throw this.error(`at most ${this.limits.maxEntries} entries per import`);
    const index = this.count++;
    this.onEntry(this.kind!, value, index);
  }
}

/** Reads a whole document already in memory (tests, small imports): the same path as a stream. */
export function readDocument(text: string, onEntry: EntryHandler, limits?: Partial<ReaderLimits>): number {
  const reader = new ImportReader(onEntry, limits);
  const bytes = Buffer.from(text, 'utf8');
  const decoder = new TextDecoder('utf-8');
  for (let at = 0; at < bytes.length; at += READ_SLICE_BYTES) {
    const slice = bytes.subarray(at, at + READ_SLICE_BYTES);
    reader.write(decoder.decode(slice, { stream: true }), slice.length);
  }
  reader.write(decoder.decode(), 0);
  reader.end();
  return reader.count;
}

/** A document already in memory into deliveries of `endpointId` (tests): the reader's path, in this thread. */
export function parseImport(document: unknown, endpointId: number, now: number): NewDelivery[] {
  const deliveries: NewDelivery[] = [];
  readDocument(JSON.stringify(document) ?? '', (kind, value, index) => deliveries.push(deliveryFrom[kind](value, index, endpointId, now)));
  return deliveries;
}
