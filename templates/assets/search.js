// The search page (templates/search.html): links to a search work. `/en/search/?q=Uzbekistan`
// runs that search on load, and what the reader types is written back into `?q=` (without a
// new history entry), so a search can be reloaded, bookmarked or shared. The "also search in"
// links (one per other language) carry the same query to that language's search page, which
// runs it there, and so does the language switch in the header: they are kept in step on
// every keystroke, not only when a search runs.
// Pagefind's Component UI (/pagefind/pagefind-component-ui.js, a module loaded before this
// one) does everything else; this only talks to its "default" instance.
const components = window.PagefindComponents;

function withQuery(href, term) {
  const url = new URL(href, window.location.href);
  if (term) {
    url.searchParams.set("q", term);
  } else {
    url.searchParams.delete("q");
  }
  return url;
}

function carryQuery(links, term) {
  for (const link of links) {
    const url = withQuery(link.href, term.trim());
    link.setAttribute("href", url.pathname + url.search);
  }
}

if (components) {
  const search = components.getInstanceManager().getInstance("default");
  const query = new URLSearchParams(window.location.search).get("q");
  const elsewhere = document.querySelector(".search-elsewhere");
  // The header's language switch leads to the other search pages too: it carries the query.
  const links = [
    ...(elsewhere ? elsewhere.querySelectorAll("a[data-search-elsewhere]") : []),
    ...document.querySelectorAll(".language-switch a[data-language]"),
  ];

  search.on("search", (term) => {
    carryQuery(links, term || "");
    const url = withQuery(window.location.href, term);
    if (url.href !== window.location.href) {
      window.history.replaceState(window.history.state, "", url);
    }
  });

  // Pagefind waits for a pause in typing before it searches; a link followed in that pause
  // still carries what is in the box.
  document.querySelector("pagefind-input")?.addEventListener("input", (event) => {
    if (typeof event.target.value === "string") {
      carryQuery(links, event.target.value);
    }
  });

  if (elsewhere) {
    elsewhere.hidden = false;
  }
  if (query && query.trim()) {
    carryQuery(links, query);
    search.triggerSearch(query.trim());
  }
}

// Pagefind's filter dropdowns render their trigger as <button role="combobox">, which takes no
// name from its text ("Topic"): screen readers announce a nameless control. Name each one by
// its visible label, now and whenever Pagefind renders it again.
function nameFilterTriggers(root) {
  root.querySelectorAll("pagefind-filter-dropdown").forEach((dropdown, index) => {
    const trigger = dropdown.querySelector(".pf-dropdown-trigger");
    const label = dropdown.querySelector(".pf-dropdown-trigger-label");
    if (!trigger || !label || trigger.hasAttribute("aria-labelledby")) return;
    label.id = label.id || `search-filter-label-${index}`;
    trigger.setAttribute("aria-labelledby", label.id);
  });
}

const filterRow = document.querySelector("pagefind-filter-dropdown")?.parentElement;
if (filterRow) {
  nameFilterTriggers(filterRow);
  new MutationObserver(() => nameFilterTriggers(filterRow))
    .observe(filterRow, { childList: true, subtree: true });
}
