// The page's loader, one file for every page (the prerender writes it as
// /start-<fingerprint>.js with the app's two files named where the
// placeholders are). The JavaScript glue (small) is fetched at once; the
// wasm (most of what a page downloads) is fetched, and the app started,
// only once the first paint is on the screen (the browser reports it as a
// `paint` entry), so that neither competes with the reader's first sight
// of the page. A page that is not painted (a tab opened in the background)
// starts after a second.
import init from '/@glue.js';

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

new Promise((painted) => {
  new PerformanceObserver(painted).observe({ type: 'paint', buffered: true });
  setTimeout(painted, 1000);
}).then(() => init({ module_or_path: '/@app.wasm' }));
