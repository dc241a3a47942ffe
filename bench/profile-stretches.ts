// For bench/profile.ts: the main thread's longest busy stretches (consecutive samples on the CPU, no
// idle between) and what each was doing, named by its outermost Hookscope function. A sender waiting
// for its answer waits out whatever stretch is running: these are the open loop's p99 suspects.
import type { ProfileNode } from './profile-categories.js';

export interface Stretch {
  micros: number;
  /** What most of its time was spent in. */
  label: string;
}

function labelOf(stack: ProfileNode[]): string {
  const leaf = stack[0]!.callFrame.functionName;
  if (leaf === '(garbage collector)') return 'garbage collection';
  // Outermost first: the Hookscope task the event loop ran (a batch flush, a request, a commit).
  for (let i = stack.length - 1; i >= 0; i--) {
    const { functionName, url } = stack[i]!.callFrame;
    if (url.includes('/electron/core/')) return `${functionName || '(anonymous)'} ${url.split('/').slice(-2).join('/')}`;
  }
  return `not Hookscope's code: ${leaf || '(anonymous)'}`;
}

/** Busy stretches of at least `minMicros` between `from` and `to` (the profile's clock, µs), longest first. */
export function busyStretches(
  profile: { startTime: number; samples: readonly number[]; timeDeltas: readonly number[] },
  stackOf: (id: number) => ProfileNode[],
  isBusy: (stack: ProfileNode[]) => boolean,
  window: { from: number; to: number; minMicros: number },
): Stretch[] {
  const stretches: Stretch[] = [];
  let micros = 0;
  let byLabel = new Map<string, number>();
  const close = () => {
    if (micros >= window.minMicros) stretches.push({ micros, label: [...byLabel].sort((a, b) => b[1] - a[1])[0]![0] });
    micros = 0;
    byLabel = new Map();
  };
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    // A sample's delta is the time since the previous one: it belongs to this sample's stretch.
    const delta = profile.timeDeltas[i] ?? 0;
    at += delta;
    const stack = stackOf(id);
    if (at < window.from || at > window.to || !isBusy(stack)) return close();
    micros += delta;
    const label = labelOf(stack);
    byLabel.set(label, (byLabel.get(label) ?? 0) + delta);
  });
  close();
  return stretches.sort((a, b) => b.micros - a.micros);
}
