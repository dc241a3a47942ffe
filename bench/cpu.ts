// CPU time of a server process and everything it runs, read from the outside (Linux /proc), so
// every row is measured by the same instrument whatever it is written in: utime + stime of the
// process (which the kernel sums over all its threads: Hookscope's analysis workers, libuv's pool,
// V8's helpers) plus the same for each living descendant, plus cutime + cstime (children that
// already exited and were reaped).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';

export const procAvailable = existsSync('/proc/self/stat');

const ticksPerSecond = procAvailable ? Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) : 100;

/** utime, stime, cutime, cstime of one process, in clock ticks; 0 if it is gone. */
function ownTicks(pid: number): number {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return 0;
  }
  // The command name (field 2) is in parentheses and may hold spaces: count fields after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state); utime..cstime are fields 14..17.
  return [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i]), 0);
}

function childrenOf(pid: number): number[] {
  let tasks: string[];
  try {
    tasks = readdirSync(`/proc/${pid}/task`);
  } catch {
    return [];
  }
  return tasks.flatMap((tid) => {
    try {
      return readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').split(' ').filter(Boolean).map(Number);
    } catch {
      return [];
    }
  });
}

/** CPU µs used so far by `pid`, all its threads and all its descendants. */
export function processTreeCpuMicros(pid: number): number {
  let ticks = 0;
  const pending = [pid];
  while (pending.length > 0) {
    const next = pending.pop()!;
    ticks += ownTicks(next);
    pending.push(...childrenOf(next));
  }
  return (ticks * 1_000_000) / ticksPerSecond;
}

/** Thread count of a process (Threads: in /proc/PID/status), to show the workers were running. */
export function threadCount(pid: number): number {
  try {
    return Number(/Threads:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

/** CPU µs of each thread of `pid` (utime + stime of /proc/PID/task/TID/stat), keyed by thread id, with its name. */
export function threadCpuMicros(pid: number): Map<number, { name: string; micros: number }> {
  const threads = new Map<number, { name: string; micros: number }>();
  let tasks: string[] = [];
  try {
    tasks = readdirSync(`/proc/${pid}/task`);
  } catch {
    return threads;
  }
  for (const tid of tasks) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      threads.set(Number(tid), { name, micros: ((Number(fields[11]) + Number(fields[12])) * 1_000_000) / ticksPerSecond });
    } catch {
      // The thread ended meanwhile.
    }
  }
  return threads;
}
