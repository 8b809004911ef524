// The paged preview's page script. It receives plain data (pages of positioned lines) and builds
// the DOM with textContent only: script text is never parsed as HTML. It posts back only data:
// { type: 'ready' }, { type: 'jump', line }, { type: 'scrolled', line }.
// @ts-check
(function () {
  // @ts-ignore acquireVsCodeApi is provided by the webview host
  const vscode = acquireVsCodeApi();
  const container = /** @type {HTMLElement} */ (document.getElementById('pages'));
  /** @type {HTMLElement[]} page elements, in order */
  let pages = [];
  let widthIn = 8.5;
  let heightIn = 11;
  /** While the extension scrolls us, our own scroll events are not echoed back. */
  let ignoreScrollUntil = 0;

  function fit() {
    const inch = Math.max(40, Math.min(110, (window.innerWidth - 32) / widthIn));
    document.documentElement.style.setProperty('--in', inch + 'px');
  }

  function inches(value) {
    return 'calc(var(--in) * ' + Number(value) + ')';
  }

  function renderPage(data) {
    const page = document.createElement('div');
    page.className = 'page';
    page.style.width = inches(widthIn);
    page.style.height = inches(heightIn);
    page.style.setProperty('contain-intrinsic-size', 'auto ' + inches(heightIn));
    page.dataset.number = String(data.number);
    for (const line of data.lines) {
      const el = document.createElement('div');
      el.className = 'line k-' + String(line.k).replace(/[^A-Za-z]/g, '');
      el.dataset.line = String(line.s);
      el.style.left = inches(line.x);
      el.style.top = inches(line.y);
      for (const [text, style] of line.r) {
        const span = document.createElement('span');
        span.textContent = text;
        if (style & 1) span.classList.add('i');
        if (style & 2) span.classList.add('b');
        if (style & 4) span.classList.add('u');
        el.appendChild(span);
      }
      page.appendChild(el);
    }
    return page;
  }

  function shiftPage(page, shift) {
    for (const el of page.querySelectorAll('.line')) {
      const line = Number(el.getAttribute('data-line'));
      if (line >= 0) el.setAttribute('data-line', String(line + shift));
    }
  }

  function apply(update) {
    widthIn = update.widthIn;
    heightIn = update.heightIn;
    fit();
    if (update.reset) {
      container.replaceChildren();
      pages = [];
    }
    for (const data of update.pages) {
      const page = renderPage(data);
      const old = pages[data.index];
      if (old) old.replaceWith(page);
      else container.appendChild(page);
      pages[data.index] = page;
    }
    for (const { index, shift } of update.shifted) if (pages[index]) shiftPage(pages[index], shift);
    while (pages.length > update.total) pages.pop()?.remove();
    document.getElementById('empty')?.toggleAttribute('hidden', update.total > 0);
  }

  /** The first line element at or after source line `line`, in page order. */
  function elementFor(line) {
    let best = null;
    for (const page of pages) {
      for (const el of page.querySelectorAll('.line')) {
        const s = Number(el.getAttribute('data-line'));
        if (s < 0) continue;
        if (s >= line) return best && Number(best.getAttribute('data-line')) === line ? best : el;
        best = el;
      }
    }
    return best;
  }

  function reveal(line) {
    const el = elementFor(line);
    if (!el) return;
    ignoreScrollUntil = Date.now() + 300;
    const top = el.getBoundingClientRect().top + window.scrollY - 12;
    window.scrollTo({ top });
    for (const old of document.querySelectorAll('.line.current')) old.classList.remove('current');
    el.classList.add('current');
  }

  /** The source line at the top of the view. */
  function topLine() {
    const y = window.scrollY;
    let lo = 0;
    let hi = pages.length - 1;
    let at = 0;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (pages[mid].offsetTop <= y) {
        at = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    for (let p = at; p < pages.length; p++) {
      for (const el of pages[p].querySelectorAll('.line')) {
        const s = Number(el.getAttribute('data-line'));
        if (s >= 0 && el.getBoundingClientRect().bottom > 0) return s;
      }
    }
    return undefined;
  }

  let scrollTimer = 0;
  window.addEventListener('scroll', () => {
    if (Date.now() < ignoreScrollUntil) return;
    clearTimeout(scrollTimer);
    scrollTimer = setTimeout(() => {
      const line = topLine();
      if (line !== undefined) vscode.postMessage({ type: 'scrolled', line });
    }, 60);
  });

  container.addEventListener('click', (event) => {
    const target = /** @type {HTMLElement} */ (event.target);
    const el = target.closest('.line');
    const line = el ? Number(el.getAttribute('data-line')) : -1;
    if (line >= 0) vscode.postMessage({ type: 'jump', line });
  });

  window.addEventListener('resize', fit);
  window.addEventListener('message', (event) => {
    const message = event.data;
    if (!message || typeof message !== 'object') return;
    if (message.type === 'pages') apply(message.update);
    else if (message.type === 'reveal' && typeof message.line === 'number') reveal(message.line);
  });
  vscode.postMessage({ type: 'ready' });
})();
