// Firefox and WebKit over WebDriver, as this folder's suite drives them:
// Debian's Firefox ESR through geckodriver, headless; WebKitGTK's
// MiniBrowser through WebKitWebDriver, on a virtual display (Xvfb), since
// MiniBrowser has no headless mode. Playwright's own Firefox and WebKit
// builds cannot be downloaded here; these can.
import { Builder, Capabilities } from 'selenium-webdriver';
import firefox from 'selenium-webdriver/firefox.js';
import LogInspector from 'selenium-webdriver/bidi/logInspector.js';
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';

const scratch = mkdtempSync(join(tmpdir(), 'news-portal-engines-'));
const running = [];

/** A free port on loopback. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

function which(name, fallbacks = []) {
  for (const path of fallbacks) if (existsSync(path)) return path;
  try {
    return execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error(`${name} is not installed: run scripts/setup tests`);
  }
}

function miniBrowser() {
  for (const arch of readdirSync('/usr/lib').filter((dir) => dir.includes('-linux-'))) {
    const path = `/usr/lib/${arch}/webkit2gtk-4.1/MiniBrowser`;
    if (existsSync(path)) return path;
  }
  throw new Error('WebKitGTK\'s MiniBrowser is not installed: run scripts/setup tests');
}

async function until(ready, what, timeout = 10_000) {
  const deadline = Date.now() + timeout;
  while (!(await ready())) {
    if (Date.now() > deadline) throw new Error(`${what} did not start`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

let display;
/** A display of our own for MiniBrowser, started once. */
async function virtualDisplay() {
  if (display) return display;
  let n = 90;
  while (existsSync(`/tmp/.X11-unix/X${n}`) || existsSync(`/tmp/.X${n}-lock`)) n++;
  const xvfb = spawn(which('Xvfb'), [`:${n}`, '-screen', '0', '1600x1200x24', '-nolisten', 'tcp'], { stdio: 'ignore' });
  running.push(xvfb);
  await until(() => existsSync(`/tmp/.X11-unix/X${n}`), 'Xvfb');
  return (display = `:${n}`);
}

/**
 * GTK settings for one WebKit session: a toolbar that can shrink, so the
 * window can be as narrow as a phone (MiniBrowser's own is wider than 375
 * px), and, for reduced motion, animations off, which is what WebKitGTK
 * reports as `prefers-reduced-motion: reduce`.
 */
function gtkSettings(reducedMotion) {
  const home = join(scratch, `gtk-${reducedMotion ? 'reduced' : 'full'}-motion`);
  mkdirSync(join(home, 'gtk-3.0'), { recursive: true });
  writeFileSync(join(home, 'gtk-3.0/gtk.css'), '* { min-width: 0; min-height: 0; padding: 0; margin: 0; font-size: 1px; }\n');
  if (reducedMotion) writeFileSync(join(home, 'gtk-3.0/settings.ini'), '[Settings]\ngtk-enable-animations=0\n');
  return home;
}

/**
 * A profile whose window can be as narrow as a phone (Firefox's toolbars
 * would hold it at 500 px).
 */
function firefoxProfile() {
  const profile = join(scratch, 'firefox-profile');
  mkdirSync(join(profile, 'chrome'), { recursive: true });
  writeFileSync(join(profile, 'chrome/userChrome.css'), '* { min-width: 0 !important; }\n');
  return profile;
}

/**
 * Opens an engine. `console` collects what the page logs, where the driver
 * can read it (Firefox, through WebDriver BiDi; WebKitWebDriver offers no
 * way to). With `javaScript: false` pages run no script (the driver's own
 * still run).
 */
export async function openBrowser(engine, { reducedMotion = false, javaScript = true } = {}) {
  const console = [];
  if (engine === 'firefox') {
    const options = new firefox.Options()
      .setBinary(which('firefox-esr', ['/usr/bin/firefox-esr']))
      .addArguments('-headless')
      .setProfile(firefoxProfile())
      .setPreference('toolkit.legacyUserProfileCustomizations.stylesheets', true)
      .setPreference('ui.prefersReducedMotion', reducedMotion ? 1 : 0)
      .setPreference('javascript.enabled', javaScript)
      .enableBidi();
    const service = new firefox.ServiceBuilder(which('geckodriver', [join(homedir(), '.cargo/bin/geckodriver')]));
    const driver = await new Builder().forBrowser('firefox').setFirefoxOptions(options).setFirefoxService(service).build();
    const inspector = await LogInspector(driver);
    await inspector.onConsoleEntry((entry) => console.push(`${entry.level}: ${entry.text}`));
    await inspector.onJavascriptException((entry) => console.push(`exception: ${entry.text}`));
    return { driver, console, readsConsole: true };
  }
  if (engine === 'webkit') {
    const port = await freePort();
    const driverProcess = spawn(which('WebKitWebDriver'), [`--port=${port}`], {
      env: { ...process.env, DISPLAY: await virtualDisplay(), XDG_CONFIG_HOME: gtkSettings(reducedMotion) },
      stdio: 'ignore',
    });
    running.push(driverProcess);
    const server = `http://127.0.0.1:${port}`;
    await until(() => fetch(`${server}/status`).then((r) => r.ok, () => false), 'WebKitWebDriver');
    const capabilities = new Capabilities({
      browserName: 'MiniBrowser',
      // MiniBrowser refuses --headless: hence the virtual display.
      'webkitgtk:browserOptions': {
        binary: miniBrowser(),
        args: ['--automation', ...(javaScript ? [] : ['--enable-javascript=false'])],
      },
    });
    const driver = await new Builder().usingServer(server).withCapabilities(capabilities).build();
    const quit = driver.quit.bind(driver);
    driver.quit = async () => {
      await quit();
      driverProcess.kill();
    };
    return { driver, console, readsConsole: false };
  }
  throw new Error(`no such engine: ${engine}`);
}

/** Stops what this module started. */
export function stopAll() {
  for (const child of running) child.kill();
  rmSync(scratch, { recursive: true, force: true });
}
