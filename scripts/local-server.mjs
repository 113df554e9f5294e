// Starts the project's server for a script on a port of its own, and waits
// until it answers. `stop()` ends it with SIGTERM (a graceful shutdown).
import { spawn } from 'node:child_process';

export async function startServer({ port, dist = 'dist', args = [], binary = 'target/debug/news-portal-server' }) {
  const base = `http://127.0.0.1:${port}`;
  const server = spawn(
    binary,
    ['--dist', dist, '--addr', `127.0.0.1:${port}`, ...args],
    { stdio: 'ignore' },
  );
  for (let i = 0; ; i++) {
    try {
      await fetch(base);
      break;
    } catch (err) {
      if (i > 50) {
        server.kill();
        throw new Error(`the server did not start on ${base} (run scripts/build first): ${err}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  const stop = async () => {
    server.kill('SIGTERM');
    if (server.exitCode === null) await new Promise((r) => server.on('exit', r));
  };
  return { base, stop };
}
