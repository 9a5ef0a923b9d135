// The embedding example's controls: drive the second lab through the postMessage API and
// show the epoch events it sends back.
(() => {
  const lab = document.getElementById('lab-play');
  const log = document.getElementById('events');
  const send = (command, settings) => lab.contentWindow.postMessage(
    { type: 'activation-lab:command', command, ...(settings ? { settings } : {}) }, '*');
  for (const button of document.querySelectorAll('[data-command]')) {
    button.addEventListener('click', () => send(button.dataset.command, button.dataset.settings));
  }
  window.addEventListener('message', (event) => {
    if (event.source !== lab.contentWindow) return;
    const d = event.data;
    if (!d || typeof d !== 'object' || d.type !== 'activation-lab:epoch') return;
    log.textContent = `epoch ${d.epoch} · train loss ${Number(d.trainLoss).toFixed(3)} · test loss ${Number(d.testLoss).toFixed(3)} · dead ${d.deadCount}`;
    log.dataset.epoch = d.epoch;
  });
})();
