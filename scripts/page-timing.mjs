// What a page reports as it loads, for bench-page.mjs and trace-page.mjs:
// `observe` runs in the page before its own scripts (page.addInitScript)
// and keeps its findings in `window.__bench`.

/** Set before the page's own scripts: what the page reports as it loads. */
export function observe() {
  const found = (window.__bench = { shift: 0, lcp: 0, headline: 0, fcp: 0, started: 0, interactive: 0, longTasks: [] });
  // Started: the app has taken the page over (it sets
  // `window.newsPortalStarted`, app::start): its links move inside the
  // app and its forms are the app's from then.
  let started = false;
  Object.defineProperty(window, 'newsPortalStarted', {
    configurable: true,
    get: () => started,
    set: (value) => {
      started = value;
      if (value && !found.started) found.started = performance.now();
    },
  });
  // Element Timing for the headline: the attribute goes on as it is parsed.
  new MutationObserver((_, observer) => {
    const h1 = document.querySelector('h1');
    if (h1) {
      h1.setAttribute('elementtiming', 'headline');
      observer.disconnect();
    }
  }).observe(document, { childList: true, subtree: true });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (entry.identifier === 'headline') found.headline = entry.renderTime;
  }).observe({ type: 'element', buffered: true });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (entry.name === 'first-contentful-paint') found.fcp = entry.startTime;
  }).observe({ type: 'paint', buffered: true });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) found.lcp = entry.startTime;
  }).observe({ type: 'largest-contentful-paint', buffered: true });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) found.shift += entry.value;
  }).observe({ type: 'layout-shift', buffered: true });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) found.longTasks.push([entry.startTime, entry.duration]);
  }).observe({ type: 'longtask', buffered: true });
  // Interactive: the first moment the ticker's Pause answers a click (it
  // says Play): the app has started and the ticker has its headlines.
  const poke = () => {
    const toggle = document.querySelector('.ticker__toggle');
    if (toggle) {
      toggle.click();
      requestAnimationFrame(() => {
        if (toggle.textContent.startsWith('Play')) {
          found.interactive = performance.now();
          toggle.click();
        } else setTimeout(poke, 20);
      });
    } else setTimeout(poke, 20);
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', poke);
  else poke();
}
