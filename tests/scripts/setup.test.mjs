// scripts/setup's two parts run side by side (the downloads beside the
// tools' compiles): when one fails, the set-up ends with its error and
// stops the other's compiles rather than leaving them running.
// Run with: node --test tests/scripts/
// The set-up runs in a copy of scripts/ with a home folder of its own, whose
// ~/.cargo/bin (first on setup's PATH) holds a cargo whose `install` runs
// until it is stopped, an npm that fails once a compile has started, and an
// apt-get that installs nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

function fakeTools(bin, marks) {
  mkdirSync(bin, { recursive: true });
  // `cargo install NAME`: marks that it started, then runs until stopped,
  // marking that too; a compile that is not stopped marks that it finished.
  // `cargo install --list`: nothing installed.
  writeFileSync(join(bin, 'cargo'), `#!/usr/bin/env bash
case "$1" in
  install)
    [ "$2" = --list ] && exit 0
    trap 'echo stopped > "${marks}/stopped-$2"; exit 143' TERM
    echo started > "${marks}/started-$2"
    sleep 60 & wait $!
    echo finished > "${marks}/finished-$2" ;;
  *) exit 0 ;;
esac
`, { mode: 0o755 });
  // npm fails, once Trunk's compile has started (or after 30 s without it).
  writeFileSync(join(bin, 'npm'), `#!/usr/bin/env bash
for ((i = 0; i < 600; i++)); do [ -e "${marks}/started-trunk" ] && break; sleep 0.05; done
echo "npm error: the registry cannot be reached" >&2
exit 3
`, { mode: 0o755 });
  // Nothing is installed from Debian here, whatever this machine lacks.
  writeFileSync(join(bin, 'apt-get'), '#!/bin/sh\nexit 0\n', { mode: 0o755 });
}

// Resolves when `path` exists, or rejects after `seconds`.
async function appears(path, seconds) {
  const deadline = Date.now() + seconds * 1000;
  while (!existsSync(path)) {
    if (Date.now() > deadline) throw new Error(`${path} did not appear within ${seconds} s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function run(command, args, options) {
  return new Promise((resolve) => {
    const child = spawn(command, args, options);
    let output = '';
    child.stdout.on('data', (data) => { output += data; });
    child.stderr.on('data', (data) => { output += data; });
    child.on('close', (status) => resolve({ status, output }));
  });
}

test('a failing download ends the set-up with its error and stops the tools\' compiles', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'setup-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  cpSync(join(root, 'scripts'), join(dir, 'scripts'), { recursive: true });
  for (const file of ['Cargo.lock', 'package-lock.json']) copyFileSync(join(root, file), join(dir, file));
  const home = join(dir, 'home');
  const marks = join(dir, 'marks');
  mkdirSync(marks);
  fakeTools(join(home, '.cargo', 'bin'), marks);

  const setup = await run('scripts/setup', [], {
    cwd: dir,
    env: { HOME: home, PATH: '/usr/local/bin:/usr/bin:/bin', LANG: 'C.UTF-8' },
  });

  assert.equal(setup.status, 3, `setup ends with npm's status\n${setup.output}`);
  assert.match(setup.output, /npm error: the registry cannot be reached/);
  assert.match(setup.output, /installing trunk/);
  assert.ok(existsSync(join(marks, 'started-trunk')), 'Trunk\'s compile had started');
  await appears(join(marks, 'stopped-trunk'), 10);
  assert.ok(!existsSync(join(marks, 'finished-trunk')), 'Trunk\'s compile was stopped, not finished');
  // Nothing was left out of the count: setup started wasm-bindgen-cli's
  // compile too, and stopped it.
  if (existsSync(join(marks, 'started-wasm-bindgen-cli'))) {
    await appears(join(marks, 'stopped-wasm-bindgen-cli'), 10);
  }
});
