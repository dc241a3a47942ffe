import { useEffect, useState } from 'react';
import type { BodyDiff } from '../../lib/body-diff.js';
import { askBodyWorker, bufferCopy } from '../../lib/body-worker-client.js';
import type { DiffSubject } from './diff-subject.js';

export type BodyDiffState = { status: 'loading' } | { status: 'ready'; diff: BodyDiff } | { status: 'error'; message: string };

/** The two bodies compared in the body worker (parsed, canonicalized, diffed there); a stale answer is dropped. */
export function useBodyDiff(left: DiffSubject, right: DiffSubject): BodyDiffState {
  const [state, setState] = useState<BodyDiffState>({ status: 'loading' });
  useEffect(() => {
    let current = true;
    setState({ status: 'loading' });
    askBodyWorker({ op: 'diff', left: bufferCopy(left.body), right: bufferCopy(right.body), leftType: left.contentType, rightType: right.contentType }).then(
      (answer) => current && answer.diff && setState({ status: 'ready', diff: answer.diff }),
      (failure: unknown) => current && setState({ status: 'error', message: failure instanceof Error ? failure.message : String(failure) }),
    );
    return () => {
      current = false;
    };
  }, [left.body, left.contentType, right.body, right.contentType]);
  return state;
}
