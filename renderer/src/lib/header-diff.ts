// Two header lists compared in order (jsdiff over the lines): a header counts as the same when its
// name matches case-insensitively and its value exactly, so "content-type" against "Content-Type"
// is no change, while a header that moved is one removal and one addition.
import { diffArrays } from 'diff';
import type { HeaderPair } from '../../../electron/contract/index.js';

export interface HeaderDiffRow {
  kind: 'same' | 'added' | 'removed';
  name: string;
  value: string;
}

const sameHeader = (a: HeaderPair, b: HeaderPair) => a[0].toLowerCase() === b[0].toLowerCase() && a[1] === b[1];

export function diffHeaders(left: HeaderPair[], right: HeaderPair[]): HeaderDiffRow[] {
  return diffArrays(left, right, { comparator: sameHeader }).flatMap((change) =>
    change.value.map(([name, value]) => ({ kind: change.added ? 'added' : change.removed ? 'removed' : 'same', name, value }) as HeaderDiffRow),
  );
}
