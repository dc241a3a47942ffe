// The parent asks a server child for its own CPU time over IPC, so the load generator's CPU
// (in the parent) is never counted against the server.
export function reportWhenAsked(ready: { port: number }, extra: () => object = () => ({})): void {
  process.send!({ type: 'ready', ...ready });
  process.on('message', (message: { type: string }) => {
    if (message.type === 'cpu') process.send!({ type: 'cpu', usage: process.cpuUsage(), ...extra() });
  });
}
