// Baseline: the cheapest honest webhook receiver, reading and discarding the body, then 200.
import { createServer } from 'node:http';
import { reportWhenAsked } from './report.js';

const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': 17 });
    res.end('{"received":true}');
  });
});
server.listen(0, '127.0.0.1', () => reportWhenAsked({ port: (server.address() as { port: number }).port }));
