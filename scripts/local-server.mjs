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
  try {
    await answering(base);
  } catch (err) {
    server.kill();
    throw new Error(`the server did not start on ${base} (run scripts/build first): ${err.message}`);
  }
  const stop = async () => {
    server.kill('SIGTERM');
    if (server.exitCode === null) await new Promise((r) => server.on('exit', r));
  };
  return { base, stop };
}

/** Resolves once `url` answers at all (any status), failing after 5 s. */
export async function answering(url) {
  for (let i = 0; ; i++) {
    try {
      await fetch(url);
      return;
    } catch (err) {
      if (i > 50) throw new Error(`${url} did not answer within 5 s: ${err}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
