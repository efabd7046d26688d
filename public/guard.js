// Loaded before the app, in plain JavaScript: when the app crashes (a bug: a panic in Rust aborts the
// WebAssembly module, which then answers nothing), it says so in French, tells the host page if one was
// allowed (the app names it in window.tamisHostOrigin), and points to the reload, which offers the
// autosaved session back.
(() => {
  const MESSAGE = 'Tamis a rencontré une erreur. Votre travail est sauvegardé : rechargez la page pour le reprendre.';
  let shown = false;
  function crashed() {
    if (shown || !document.body) return;
    shown = true;
    const banner = document.createElement('div');
    banner.className = 'crash';
    banner.setAttribute('role', 'alert');
    banner.dataset.testid = 'crash';
    const text = document.createElement('p');
    text.textContent = MESSAGE;
    const reload = document.createElement('button');
    reload.type = 'button';
    reload.textContent = 'Recharger la page';
    reload.addEventListener('click', () => location.reload());
    banner.append(text, reload);
    document.body.prepend(banner);
    const host = window.tamisHostOrigin;
    if (host && window.parent !== window) {
      try {
        window.parent.postMessage({ type: 'tamis:error', message: MESSAGE }, host);
      } catch {
        // The host navigated away: nobody left to tell.
      }
    }
  }
  window.addEventListener('error', crashed);
  window.addEventListener('unhandledrejection', crashed);
})();
