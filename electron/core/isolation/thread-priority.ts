// Analysis threads run at a lower CPU priority than the capture thread. Where the process has one
// core (the benchmark pins it; small VMs and containers are often like this) the analysis of a
// batch otherwise takes the core from the capture thread for milliseconds at a time, and senders
// wait behind work that is, by design, after their answer. Linux schedules threads individually
// and setpriority() accepts a thread id, which /proc/thread-self names; elsewhere this is a no-op.
// (Piscina's niceIncrement option does the same through the native nice-napi addon, which would be
// one more compiled dependency for one system call.)
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';

/** How much lower than the capture thread (nice 0 → 10: about a tenth of the CPU when both want it). */
export const ANALYSIS_NICE = 10;

/** Lowers the calling thread's priority; returns whether it could. */
export function lowerThisThreadPriority(increment = ANALYSIS_NICE): boolean {
  if (process.platform !== 'linux') return false;
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (!Number.isInteger(tid)) return false;
    setPriority(tid, increment);
    return true;
  } catch {
    return false; // no /proc, or not allowed: the thread keeps its priority
  }
}
