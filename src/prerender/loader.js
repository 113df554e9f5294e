// The page's loader, one file for every page (the prerender writes it as
// /start-<fingerprint>.js with the app's two files named where the
// placeholders are). The app's files (the wasm, most of what a page
// downloads, and its JavaScript glue) download with the page (the head
// preloads them: decision 14); the app starts once the first paint is on
// the screen (the browser reports it as a `paint` entry), so that nothing
// of its start delays the paint; a page that is not painted (a tab opened
// in the background) starts after a second.

// From the start it marks every picture that fails to load (those that
// failed before it ran, and any later, on this page or the next)
// `data-failed`, which the stylesheet shows as the empty space the picture
// would have filled: never a broken-image icon, nothing moves. No engine
// draws a failed picture at its own shape (WebKit draws a square), so the
// loader fixes its shape at once (`aspect-ratio` from its width and
// height, set through the CSSOM, which the CSP allows), and its failed
// source gives way to an empty drawing of that shape, which every engine
// draws alike once it has loaded.
const failed = (image) => {
  if (image.hasAttribute('data-failed')) return;
  image.setAttribute('data-failed', '');
  const [width, height] = [image.getAttribute('width'), image.getAttribute('height')];
  if (width && height) image.style.aspectRatio = `${width} / ${height}`;
  image.removeAttribute('srcset');
  image.src = 'data:image/svg+xml,' + encodeURIComponent(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}"/>`);
};
addEventListener('error', ({ target }) => target instanceof HTMLImageElement && failed(target), true);
for (const image of document.images) if (image.complete && !image.naturalWidth) failed(image);

// If the app ever dies, the reader is told, and given a way on. A release
// build stops at a panic where it is (`panic = immediate-abort`: no message,
// no hook, none of the code that would format one), which the browser
// reports as a WebAssembly.RuntimeError: thrown into whatever called the
// app (an event, a timer, a fetch's answer, the start itself), and so an
// uncaught error or rejection here. The app is gone, and with it every
// button and link it handles: the notice is plain DOM, and its Reload an
// ordinary link to this very page.
const PANIC_MESSAGE = 'Something went wrong. Reload the page to carry on.';
function died(error) {
  if (!(error instanceof WebAssembly.RuntimeError) || document.getElementById('panic-notice')) return;
  const notice = document.createElement('div');
  notice.id = 'panic-notice';
  notice.className = 'panic-notice';
  notice.setAttribute('role', 'alert');
  const message = document.createElement('p');
  message.className = 'panic-notice__message';
  message.textContent = PANIC_MESSAGE;
  const reload = document.createElement('a');
  reload.className = 'button';
  reload.href = location.href;
  reload.rel = 'external';
  reload.textContent = 'Reload';
  notice.append(message, reload);
  document.body.prepend(notice);
  reload.focus();
}
addEventListener('error', ({ error }) => died(error));
addEventListener('unhandledrejection', ({ reason }) => died(reason));

new Promise((painted) => {
  new PerformanceObserver(painted).observe({ type: 'paint', buffered: true });
  setTimeout(painted, 1000);
}).then(async () => {
  const wasm = fetch('/@app.wasm');
  const { default: init } = await import('/@glue.js');
  await init({ module_or_path: wasm });
  keepForOffline();
});

// Reading offline: the service worker keeps this build's app and what the
// reader opens (src/offline/service_worker.js). It is registered once the
// app runs, so that it costs the first visit nothing; it then fetches the
// app's files, which the browser has just cached.
function keepForOffline() {
  if (!('serviceWorker' in navigator)) return;
  // A worker of another build taking over (a deploy since this page was
  // loaded), or one that says it is of another build: the next link this
  // page follows then loads the new build's page, so that this page's app
  // never meets that build's pages, or the reverse, and the reader never
  // has to reload.
  const app = new URL(import.meta.url).pathname;
  let outdated = false;
  let controlled = navigator.serviceWorker.controller !== null;
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (controlled) outdated = true;
    controlled = true;
  });
  navigator.serviceWorker.addEventListener('message', ({ data }) => {
    if (typeof data?.app === 'string' && data.app !== app) outdated = true;
  });
  navigator.serviceWorker.startMessages();
  addEventListener('click', (event) => {
    const link = event.target instanceof Element && event.target.closest('a[href]');
    if (!outdated || !link || event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    if (link.origin !== location.origin || link.target || link.hasAttribute('download')) return;
    event.preventDefault();
    location.assign(link.href);
  }, true);
  navigator.serviceWorker.register('/@sw.js').catch((error) => {
    console.warn(`Reading offline is not available: ${error.message}`);
  });
}
