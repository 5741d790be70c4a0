// The search page: Pagefind's JavaScript API, loaded on the first query.
// Paths come from this file's own URL, so the site works at any subpath.
const root = new URL("../../", import.meta.url);
const form = document.getElementById("search");
const input = document.getElementById("q");
const status = document.getElementById("search-status");
const list = document.getElementById("results");
const MAX = 10;
let pagefind = null;
let latest = 0;

async function engine() {
  if (!pagefind) {
    pagefind = await import(new URL("pagefind/pagefind.js", root).href);
    await pagefind.options({ baseUrl: root.pathname, excerptLength: 24 });
  }
  return pagefind;
}

function say(text) {
  status.textContent = text;
}

function item(data) {
  const li = document.createElement("li");
  const h = document.createElement("h2");
  const a = document.createElement("a");
  a.href = data.url;
  a.textContent = (data.meta && data.meta.title) || data.url;
  h.append(a);
  const p = document.createElement("p");
  // Pagefind escapes the page text and adds only <mark> around matches.
  p.innerHTML = data.excerpt;
  li.append(h, p);
  return li;
}

async function run(query) {
  const ticket = ++latest;
  const q = query.trim();
  const url = new URL(location.href);
  if (q) url.searchParams.set("q", q);
  else url.searchParams.delete("q");
  history.replaceState(null, "", url);
  if (!q) {
    list.replaceChildren();
    say("Type a word or a name.");
    return;
  }
  say("Searching…");
  try {
    const pf = await engine();
    const found = await pf.search(q);
    const data = await Promise.all(found.results.slice(0, MAX).map((r) => r.data()));
    if (ticket !== latest) return; // a newer query is under way
    list.replaceChildren(...data.map(item));
    const n = found.results.length;
    say(n ? `${n} page${n === 1 ? "" : "s"} found for “${q}”.` : `Nothing found for “${q}”.`);
  } catch (err) {
    if (ticket === latest) say("Search could not load. Try reloading the page.");
    throw err;
  }
}

if (form && input && status && list) {
  let timer = 0;
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(timer);
    run(input.value);
  });
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => run(input.value), 250);
  });
  const initial = new URLSearchParams(location.search).get("q") || "";
  input.value = initial;
  if (initial) run(initial);
  else say("Type a word or a name.");
}
