// Activation Lab auto-height for the page that embeds it (optional, ~20 lines).
// Add data-activation-lab to each <iframe> of the lab and load this script:
//   <script src="https://your.host/activation-lab/embed.js" defer></script>
// The lab posts {type: "activation-lab:height", height} whenever its content height changes;
// this sets the iframe's height. Messages are accepted only from the lab's own iframes and from
// the lab's origin (or "null", the origin of a lab in <iframe sandbox="allow-scripts">).
(() => {
  const frames = () => [...document.querySelectorAll('iframe[data-activation-lab]')];
  window.addEventListener('message', (event) => {
    const data = event.data;
    if (!data || typeof data !== 'object' || data.type !== 'activation-lab:height') return;
    const height = Number(data.height);
    if (!Number.isFinite(height) || height < 100 || height > 20000) return;
    for (const frame of frames()) {
      if (event.source !== frame.contentWindow) continue;
      const origin = new URL(frame.src, location.href).origin;
      if (event.origin !== origin && event.origin !== 'null') return;
      frame.style.height = `${Math.ceil(height)}px`;
    }
  });
})();
