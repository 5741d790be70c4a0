// Enhancement only: the theme switch works in CSS alone; this remembers the
// choice across pages. Stored as the scheme chosen, so it survives a change
// of the system setting.
(function () {
  "use strict";
  var box = document.getElementById("flip");
  if (!box) return;
  var system = window.matchMedia("(prefers-color-scheme: dark)");
  var key = "explainer-theme";
  function stored() {
    try { return localStorage.getItem(key); } catch (e) { return null; }
  }
  function apply() {
    var choice = stored();
    if (choice) box.checked = choice !== (system.matches ? "dark" : "light");
  }
  apply();
  system.addEventListener("change", apply);
  box.addEventListener("change", function () {
    var dark = system.matches !== box.checked;
    try { localStorage.setItem(key, dark ? "dark" : "light"); } catch (e) { /* private mode */ }
  });
})();
