// Starts downloading the archive's bundle while the viewer's WebAssembly is
// still loading. The viewer's own fetch then reuses this response. It names
// the same URL the viewer will load: `?bundle=` when the page has one (only on
// this origin; the viewer refuses others), else bundle.json beside the page.
(function () {
  try {
    var requested = new URLSearchParams(location.search).get('bundle');
    var url = new URL(requested && requested.trim() ? requested.trim() : 'bundle.json', document.baseURI);
    if (url.origin !== location.origin) return;
    var link = document.createElement('link');
    link.rel = 'preload';
    link.as = 'fetch';
    link.crossOrigin = 'anonymous';
    link.href = url.href;
    document.head.appendChild(link);
  } catch (e) {
    // A malformed parameter: the viewer reports it itself.
  }
})();
