// The service worker's navigation fallback: prerendered without server rendering, so the HTML carries no page
// of its own and the client router renders the address the browser asked for.
export const ssr = false;
