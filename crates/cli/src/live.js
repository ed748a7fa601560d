// Live reload for `folio serve` (served by it at /__folio/live.js, and
// never written into a built site). The server sends the number of its
// current build when this connects and after every rebuild; a newer number
// than the page's reloads the page. A broken rebuild's error is shown over
// the page until a good build replaces it.
const events = new EventSource('/__folio/live');
let shown = null;
let overlay = null;

events.addEventListener('built', (event) => {
  const build = Number(event.data);
  if (shown !== null && build !== shown) location.reload();
  shown = build;
  // Which build the page is live to, for the tests and benchmarks.
  document.documentElement.dataset.folioServeBuild = String(build);
  overlay?.remove();
  overlay = null;
});

events.addEventListener('broken', (event) => {
  overlay?.remove();
  overlay = document.createElement('div');
  overlay.className = 'folio-serve-error';
  overlay.setAttribute('role', 'alert');
  // Styled through the CSSOM, which the pages' CSP allows (no inline style).
  Object.assign(overlay.style, {
    position: 'fixed', inset: '0 0 auto 0', zIndex: '2147483647', maxHeight: '60vh', overflow: 'auto',
    margin: '0', padding: '1rem 1.25rem', background: '#3b0a0a', color: '#ffe9e9',
    font: '14px/1.5 ui-monospace, SFMono-Regular, Menlo, monospace', whiteSpace: 'pre-wrap',
    boxShadow: '0 2px 12px rgb(0 0 0 / 40%)',
  });
  const heading = document.createElement('strong');
  heading.textContent = 'folio serve: the last change broke the build; still showing the last good one.\n\n';
  const message = document.createElement('span');
  message.textContent = event.data;
  overlay.append(heading, message);
  document.body.append(overlay);
});
