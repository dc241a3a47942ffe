// What the page asks the body worker (body-worker.ts) and what it answers.
import type { BodyDiff } from './body-diff.js';
import type { JsonCheck } from './json-check.js';
import type { JsonShape } from './json-limits.js';
import type { JsonRow, Segment } from './json-rows.js';
import type { MultipartPart } from './multipart.js';

export type WorkerRequest =
  | { op: 'json-open'; doc: number; bytes: ArrayBuffer; charset: string | null }
  | { op: 'json-rows'; doc: number; open: string[] }
  | { op: 'json-value'; doc: number; path: Segment[] }
  | { op: 'json-pretty'; doc: number }
  | { op: 'json-close'; doc: number }
  | { op: 'xml'; bytes: ArrayBuffer; charset: string | null }
  | { op: 'multipart'; bytes: ArrayBuffer; boundary: string }
  /** The replay editor's body against the JSON grammar (a large body takes longer than a frame). */
  | { op: 'json-check'; text: string }
  /** Two bodies compared: JSON canonicalized (sorted keys) then diffed by line, else as text. */
  | { op: 'diff'; left: ArrayBuffer; right: ArrayBuffer; leftType: string | null; rightType: string | null };

export type WorkerAnswer =
  | { ok: false; message: string }
  | { ok: true; shape?: JsonShape; open?: string[]; rows?: JsonRow[]; text?: string; cut?: boolean; wellFormed?: boolean; parts?: MultipartPart[]; problem?: string | null; check?: JsonCheck; diff?: BodyDiff };

export interface JsonOpened {
  shape: JsonShape;
  open: string[];
  rows: JsonRow[];
}
