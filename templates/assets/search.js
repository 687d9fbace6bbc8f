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
// one) does everything else; this only talks to its "default" instance, and makes it speak the
// page's language where Pagefind 1.5.2 cannot (see "The page's language" below).
const components = window.PagefindComponents;
const ENGINE = "/assets/search-engine/pagefind.js";

// --- The page's language --------------------------------------------------------------------
// Pagefind words a count with one string for 1 and another for every other count ("24
// результатов", "2 результатов"), and its filter dropdowns write some of what screen readers
// say in English, whatever the page's language: each option's name ("COVID-19, 22 results"),
// the button's once a value is chosen ("Topic, 1 filter selected"), the announcement of a
// choice ("COVID-19 selected"), the text read while the choices load. It has no hook for
// plural forms (its per-key overrides, setTranslations, take one string a key), so:
// - counts: the instance's translate(), which every component asks for each of its strings,
//   answers Pagefind's count keys itself, with the form Intl.PluralRules gives the count;
// - the dropdowns: their English names and texts are rewritten as Pagefind renders them, and
//   the one announcement Pagefind writes itself (announceRaw) is worded again before it is said.
// Every text comes from our catalogs: the template renders them into data-search-text, a form
// per CLDR plural category, with Pagefind's [COUNT] style of slots. Pagefind's other strings
// (its own Russian ones among them) are kept.
const text = JSON.parse(
  document.querySelector("[data-search-text]")?.dataset.searchText || "null",
);
const lang = document.documentElement.lang || "en";
const pluralRules = new Intl.PluralRules(lang);
const numbers = new Intl.NumberFormat(lang);

/** `template` with each [NAME] slot replaced by values.NAME (numbers formatted for the page). */
function fill(template, values) {
  return template.replace(/\[([A-Z_]+)\]/g, (slot, name) => {
    const value = values[name];
    if (value === undefined) return slot;
    return typeof value === "number" ? numbers.format(value) : String(value);
  });
}

/** Text `name` of data-search-text in the plural form `count` takes in the page's language. */
function counted(name, count, values = {}) {
  const forms = text.plural[pluralRules.select(count)] ?? text.plural.other ?? text.plural.many;
  return fill(forms[name], { ...values, COUNT: count });
}

// Pagefind's keys for a count, and the text of data-search-text that says it in every form.
const COUNTED = {
  one_result: "results_for",
  many_results: "results_for",
  total_one_result: "results",
  total_many_results: "results",
};

function speakThePagesLanguage(search) {
  const translate = search.translate.bind(search);
  search.translate = (key, values = {}) =>
    COUNTED[key] && typeof values.COUNT === "number"
      ? counted(COUNTED[key], values.COUNT, values)
      : translate(key, values);
  // Pagefind 1.5.2 announces a dropdown choice as "<value> selected" or "<value> deselected".
  const announceRaw = search.announceRaw.bind(search);
  search.announceRaw = (message, politeness) => {
    const choice = /^(.*) (selected|deselected)$/s.exec(message);
    announceRaw(choice ? fill(text[choice[2]], { VALUE: choice[1] }) : message, politeness);
  };
}

function setAttribute(element, name, value) {
  if (element.getAttribute(name) !== value) element.setAttribute(name, value);
}

function setText(element, value) {
  if (element.textContent !== value) element.textContent = value;
}

// A dropdown's button is a <button role="combobox">, which takes no name from its text
// ("Topic"): it is named here, with the number of values chosen when there are any.
function speakFilters(root) {
  for (const dropdown of root.querySelectorAll("pagefind-filter-dropdown")) {
    const label = dropdown.querySelector(".pf-dropdown-trigger-label")?.textContent ?? "";
    const trigger = dropdown.querySelector(".pf-dropdown-trigger");
    const badge = dropdown.querySelector(".pf-dropdown-selected-badge");
    if (trigger) {
      const chosen = badge && !badge.hasAttribute("data-pf-hidden") ? Number(badge.textContent) : 0;
      const name = chosen ? counted("chosen", chosen, { LABEL: label }) : label;
      setAttribute(trigger, "aria-label", name);
    }
    for (const option of dropdown.querySelectorAll('[role="option"]')) {
      const count = Number(option.querySelector(".pf-dropdown-option-count")?.textContent);
      if (Number.isInteger(count)) {
        const name = counted("option", count, { VALUE: option.dataset.value });
        setAttribute(option, "aria-label", name);
      }
    }
    const loading = dropdown.querySelector(".pf-dropdown-options > [data-pf-sr-hidden]");
    if (loading) setText(loading, text.loading_filters);
    const nothing = dropdown.querySelector(".pf-dropdown-error");
    if (nothing) setText(nothing, text.no_options);
    const clear = dropdown.querySelector(".pf-dropdown-clear");
    if (clear) {
      setText(clear, text.clear);
      setAttribute(clear, "aria-label", fill(text.clear_filter, { LABEL: label }));
    }
  }
}

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
  if (text) {
    speakThePagesLanguage(search);
  }
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

// Pagefind renders a dropdown again whenever the filters or the choices change.
const filterRow = document.querySelector("pagefind-filter-dropdown")?.parentElement;
if (filterRow && text) {
  speakFilters(filterRow);
  new MutationObserver(() => speakFilters(filterRow)).observe(filterRow, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ["aria-label", "data-pf-hidden"],
  });
}
