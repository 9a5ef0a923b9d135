// Starts the app. A file of its own (not an inline script) so the page runs under the
// Content-Security-Policy `script-src 'self' 'wasm-unsafe-eval'; style-src 'self'`.
import init from './activation-lab.js';

// The static shell in index.html shows the header; an embedded lab has none (as the app).
const embed = new URLSearchParams(window.location.search).get('embed');
if (embed === '1' || embed === 'true') document.documentElement.classList.add('embed-boot');

// plotters measures chart text with a <span> styled through setAttribute('style', …), which a
// strict `style-src 'self'` refuses (inline style attribute). Route exactly that call through
// the CSSOM, which CSP allows, so labels are measured right in an embedding page too.
const setAttribute = Element.prototype.setAttribute;
Element.prototype.setAttribute = function (name, value) {
  if (name === 'style' && this.tagName === 'SPAN') {
    this.style.cssText = value;
    return undefined;
  }
  return setAttribute.call(this, name, value);
};

init({ module_or_path: new URL('./activation-lab_bg.wasm', import.meta.url) }).catch((error) => {
  const app = document.getElementById('app');
  if (app) {
    app.textContent = `Activation Lab could not start: ${error}. It needs a browser with WebAssembly; reloading may help.`;
    app.setAttribute('role', 'alert');
  }
  console.error(error);
});
