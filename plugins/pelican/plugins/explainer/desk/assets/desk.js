// The review desk's keys: j/k move between items, then one key per action.
// Every action is also a plain form, so the desk works without this script.
(() => {
  const items = () => [...document.querySelectorAll(".item")];
  const current = () => document.activeElement?.closest?.(".item") || null;
  function move(step) {
    const all = items();
    if (!all.length) return;
    const at = all.indexOf(current());
    const next = all[Math.max(0, Math.min(all.length - 1, at < 0 ? 0 : at + step))];
    next.focus();
    next.scrollIntoView({ block: "nearest" });
  }
  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const tag = event.target.tagName;
    if (tag === "INPUT" || tag === "SELECT" || tag === "TEXTAREA") return;
    const key = event.key;
    if (key === "j" || key === "k") {
      event.preventDefault();
      move(key === "j" ? 1 : -1);
      return;
    }
    if (key === "a") {
      event.preventDefault();
      document.getElementById("pick-a")?.focus();
      return;
    }
    const scope = key === "u" ? document : current();
    const target = scope?.querySelector(`[data-key="${key}"]`);
    if (!target) return;
    event.preventDefault();
    if (target.tagName === "INPUT") {
      target.focus();
      target.select();
    } else {
      target.form.requestSubmit(target);
    }
  });
})();
