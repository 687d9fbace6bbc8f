// The search page (templates/search.html): links to a search work. `/en/search/?q=Uzbekistan`
// runs that search on load, and what the reader types is written back into `?q=` (without a
// new history entry), so a search can be reloaded, bookmarked or shared. The "also search in"
// links (one per other language) carry the same query to that language's search page, which
// runs it there, and so does the language switch in the header: they are kept in step on
// every keystroke, not only when a search runs.
// The sort control orders the results by relevance or by date: its choice goes to the engine
// (/assets/search-engine/pagefind.js, the module the Component UI searches through), into
// `?sort=` (which the engine also reads on load) and into the links above, and the current
// search runs again, with its filters.
// Pagefind's Component UI (/pagefind/pagefind-component-ui.js, a module loaded before this
// one) does everything else; this only talks to its "default" instance.
const components = window.PagefindComponents;
const ENGINE = "/assets/search-engine/pagefind.js";

function withParams(href, params) {
  const url = new URL(href, window.location.href);
  for (const [name, value] of Object.entries(params)) {
    if (value) {
      url.searchParams.set(name, value);
    } else {
      url.searchParams.delete(name);
    }
  }
  return url;
}

function carry(links, params) {
  for (const link of links) {
    const url = withParams(link.href, params);
    link.setAttribute("href", url.pathname + url.search);
  }
}

function showAddress(params) {
  const url = withParams(window.location.href, params);
  if (url.href !== window.location.href) {
    window.history.replaceState(window.history.state, "", url);
  }
}

if (components) {
  const search = components.getInstanceManager().getInstance("default");
  const address = new URLSearchParams(window.location.search);
  const query = address.get("q");
  const elsewhere = document.querySelector(".search-elsewhere");
  const sortRow = document.querySelector(".search-sort");
  const sortSelect = sortRow?.querySelector("select");
  // The header's language switch leads to the other search pages too: it carries the query.
  const links = [
    ...(elsewhere ? elsewhere.querySelectorAll("a[data-search-elsewhere]") : []),
    ...document.querySelectorAll(".language-switch a[data-language]"),
  ];
  let term = query ? query.trim() : "";
  const sortParam = () => (sortSelect && sortSelect.value !== "relevance" ? sortSelect.value : "");

  search.on("search", (searched) => {
    term = searched || "";
    carry(links, { q: term.trim(), sort: sortParam() });
    showAddress({ q: term });
  });

  // Pagefind waits for a pause in typing before it searches; a link followed in that pause
  // still carries what is in the box.
  document.querySelector("pagefind-input")?.addEventListener("input", (event) => {
    if (typeof event.target.value === "string") {
      carry(links, { q: event.target.value.trim(), sort: sortParam() });
    }
  });

  if (sortSelect) {
    const wanted = address.get("sort");
    if ([...sortSelect.options].some((option) => option.value === wanted)) {
      sortSelect.value = wanted;
    }
    sortSelect.addEventListener("change", async () => {
      const engine = await import(ENGINE);
      engine.setSort(sortSelect.value);
      showAddress({ sort: sortParam() });
      carry(links, { q: term.trim(), sort: sortParam() });
      if (term.trim()) {
        search.triggerSearch(term.trim());
      }
    });
    sortRow.hidden = false;
  }

  if (elsewhere) {
    elsewhere.hidden = false;
  }
  carry(links, { q: term, sort: sortParam() });
  if (term) {
    search.triggerSearch(term);
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
