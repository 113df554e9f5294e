// The phone the benchmarks measure as: a mid-range phone on a slow mobile
// connection (Lighthouse's mobile throttling, roughly). Shared by
// bench-page.mjs and bench-search.mjs so both mean the same phone.
export const PHONE = { cpu: 4, latency: 150, bitsPerSecond: 1.6e6 };

/** Makes the page behind `cdp` (a Chrome DevTools session) that phone. */
export async function emulatePhone(cdp) {
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: PHONE.cpu });
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: PHONE.latency,
    downloadThroughput: PHONE.bitsPerSecond / 8,
    uploadThroughput: PHONE.bitsPerSecond / 8,
  });
}
