/* Folio embed loader. On a host page:
 *   <div data-folio-src="https://archive.example/#/post/ID"></div>
 *   <script src="https://archive.example/embed.js" async></script>
 * Optional: data-folio-theme="light|dark|auto", data-folio-lang="zh|en",
 * data-folio-limit="5" (lists), data-folio-title="…" (the frame's name).
 * The frame grows with its content, up to MAX_HEIGHT; only messages from the
 * viewer's own frame and origin are read. See docs/embed.md. */
(function () {
  'use strict';
  var MIN_HEIGHT = 120;
  var MAX_HEIGHT = 6000;
  var frames = [];

  function mount(el) {
    if (el.hasAttribute('data-folio-mounted')) return;
    var src;
    try {
      src = new URL(el.getAttribute('data-folio-src'), document.baseURI);
    } catch (e) {
      return;
    }
    if (src.protocol !== 'https:' && src.protocol !== 'http:') return;
    el.setAttribute('data-folio-mounted', '');
    var params = src.searchParams;
    params.set('embed', '1');
    params.set('parent_origin', location.origin);
    ['theme', 'lang', 'limit'].forEach(function (key) {
      var value = el.getAttribute('data-folio-' + key);
      if (value) params.set(key, value);
    });
    var frame = document.createElement('iframe');
    frame.src = src.href;
    frame.title = el.getAttribute('data-folio-title') || 'Folio archive';
    frame.loading = 'lazy';
    // Scripts and its own origin (to fetch its bundle); new tabs for links;
    // no top navigation, forms, or modals.
    frame.setAttribute('sandbox', 'allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox');
    frame.setAttribute('referrerpolicy', 'origin');
    frame.style.cssText = 'display:block;width:100%;border:0;height:' + MIN_HEIGHT * 3 + 'px';
    el.appendChild(frame);
    frames.push({ frame: frame, origin: src.origin });
  }

  window.addEventListener('message', function (event) {
    var data = event.data;
    if (!data || data.type !== 'folio:resize' || data.version !== 1) return;
    var height = Number(data.height);
    if (!isFinite(height)) return;
    for (var i = 0; i < frames.length; i++) {
      var f = frames[i];
      if (event.source === f.frame.contentWindow && event.origin === f.origin) {
        f.frame.style.height = Math.round(Math.min(MAX_HEIGHT, Math.max(MIN_HEIGHT, height))) + 'px';
      }
    }
  });

  function scan() {
    var nodes = document.querySelectorAll('[data-folio-src]');
    for (var i = 0; i < nodes.length; i++) mount(nodes[i]);
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', scan);
  else scan();
})();
