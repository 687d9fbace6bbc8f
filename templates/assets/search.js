// The search page (templates/search.html): links to a search work. `/en/search/?q=Uzbekistan`
// runs that search on load, and what the reader types is written back into `?q=` (without a
// new history entry), so a search can be reloaded, bookmarked or shared.
// Pagefind's Component UI (/pagefind/pagefind-component-ui.js, a module loaded before this
// one) does everything else; this only talks to its "default" instance.
const components = window.PagefindComponents;

if (components) {
  const search = components.getInstanceManager().getInstance("default");
  const query = new URLSearchParams(window.location.search).get("q");

  search.on("search", (term) => {
    const url = new URL(window.location.href);
    if (term) {
      url.searchParams.set("q", term);
    } else {
      url.searchParams.delete("q");
    }
    if (url.href !== window.location.href) {
      window.history.replaceState(window.history.state, "", url);
    }
  });

  if (query && query.trim()) {
    search.triggerSearch(query.trim());
  }
}
