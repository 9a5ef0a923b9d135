// Starts the benchmark page (Trunk.toml has inject_scripts = false: no inline script).
import init from './worker-bench.js';

init({ module_or_path: new URL('./worker-bench_bg.wasm', import.meta.url) }).catch((error) => {
  const p = document.createElement('p');
  p.id = 'error';
  p.textContent = `the benchmark could not start: ${error}`;
  document.body.append(p);
});
