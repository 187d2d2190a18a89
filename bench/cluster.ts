/**
 * The API as N processes on one machine: `WORKERS=2 node dist/bench/cluster.js` forks N copies of
 * the server (dist/src/main.js) that share the listening port (node:cluster; the primary hands
 * connections out round-robin). Nothing a process needs is kept in another's memory: sessions,
 * token revocation and every rate limit live in PostgreSQL, and migrations and partition upkeep
 * take advisory locks, so the processes may start together. In production, run separate processes
 * (or containers) behind the load balancer instead (docs/scaling.md); this is what the benchmark
 * uses to measure one machine with 1 and 2 processes.
 */
import cluster from 'node:cluster';

const workers = Math.max(1, Number(process.env.WORKERS ?? 2));

if (cluster.isPrimary) {
  let stopping = false;
  for (let i = 0; i < workers; i++) cluster.fork();
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    console.error(`worker ${worker.process.pid} exited (${signal ?? code}); stopping`);
    stopping = true;
    for (const w of Object.values(cluster.workers ?? {})) w?.kill('SIGTERM');
    process.exitCode = 1;
  });
  const stop = () => {
    stopping = true;
    for (const w of Object.values(cluster.workers ?? {})) w?.kill('SIGTERM');
    if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
} else {
  await import('../src/main.js');
}
