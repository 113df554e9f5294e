// A proxy in front of the site that holds back what `held` names (the app's
// wasm, say) and passes everything else through as it is: the page as a
// reader on a slow connection has it before the app arrives, in an engine
// whose driver cannot intercept requests (WebDriver). Redirects to the site
// come back through the proxy, as a reverse proxy's would (the page's
// form-action policy, which WebKit applies to redirects, allows its own
// origin).
import { createServer, request } from 'node:http';

export async function holdingProxy(target, held) {
  const waiting = [];
  let firstHeld;
  const asked = new Promise((resolve) => (firstHeld = resolve));
  const server = createServer((incoming, outgoing) => {
    const url = new URL(incoming.url, target);
    if (held(url.pathname)) {
      waiting.push(outgoing);
      firstHeld(url.pathname);
      return;
    }
    const upstream = request(url, { method: incoming.method, headers: incoming.headers }, (answer) => {
      const { location } = answer.headers;
      if (location?.startsWith(target)) answer.headers.location = base + location.slice(target.length);
      outgoing.writeHead(answer.statusCode, answer.headers);
      answer.pipe(outgoing);
    });
    upstream.on('error', () => outgoing.destroy());
    incoming.pipe(upstream);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${server.address().port}`;
  return {
    base,
    /** Resolves with the first path held back, once a page has asked for it. */
    asked,
    async stop() {
      for (const outgoing of waiting) outgoing.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
