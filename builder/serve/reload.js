// digest preview: reloads the page after each new build and shows build errors over it.
// A page whose tag names the build it shows (data-builds: the build report) reloads after
// every other build instead, failed ones too, since it shows failures itself.
// A save's pages are shown before its search shards are indexed; a page served meanwhile
// (data-search-pending) that searched (it loaded Pagefind's files: the search page) reloads
// once the status says search has caught up, to search the whole index again (the search page
// keeps its query in ?q=). Other pages show what they showed, and stay.
(() => {
  "use strict";
  const script = document.currentScript;
  const overlayId = "digest-preview-errors";
  const shownBuild = script.dataset.builds;
  const servedWhileIndexing = script.dataset.searchPending !== undefined;

  function searched() {
    return performance.getEntriesByType("resource").some(
      (entry) => new URL(entry.name, location.href).pathname.startsWith("/pagefind/"));
  }

  function clear() {
    const old = document.getElementById(overlayId);
    if (old) old.remove();
  }

  function show(status) {
    clear();
    const errors = status.diagnostics.filter((d) => d.severity === "error");
    if (!errors.length) return;
    const box = document.createElement("aside");
    box.id = overlayId;
    box.setAttribute("role", "alert");
    box.style.cssText = "position:fixed;left:1rem;right:1rem;bottom:1rem;z-index:2147483647;" +
      "max-height:60vh;overflow:auto;padding:1rem;background:#fff4f4;color:#5c0011;" +
      "border:2px solid #c00;border-radius:6px;box-shadow:0 4px 24px rgba(0,0,0,.3);" +
      "font:14px/1.45 ui-monospace,SFMono-Regular,Menlo,monospace";
    const close = document.createElement("button");
    close.type = "button";
    close.textContent = "\u00d7";
    close.setAttribute("aria-label", "Dismiss");
    close.style.cssText = "float:right;font:inherit;cursor:pointer";
    close.addEventListener("click", () => box.remove());
    const heading = document.createElement("strong");
    heading.textContent = status.published
      ? "digest: the build finished with errors; the files named were left out"
      : "digest: the build failed; this is the last good site";
    const list = document.createElement("pre");
    list.style.cssText = "white-space:pre-wrap;margin:.5rem 0 0";
    list.textContent = errors.map((d) => d.text).join("\n");
    box.append(close, heading, list);
    document.body.append(box);
  }

  async function refresh() {
    const response = await fetch("/__digest/status", { cache: "no-store" });
    if (response.ok) show(await response.json());
  }

  const query = new URLSearchParams({
    epoch: script.dataset.epoch, instance: script.dataset.instance });
  const events = new EventSource("/__digest/events?" + query);
  events.addEventListener("reload", () => {
    events.close();
    location.reload();
  });
  events.addEventListener("status", (event) => {
    const status = JSON.parse(event.data);
    if (shownBuild !== undefined) {
      if (String(status.builds) !== shownBuild) {
        events.close();
        location.reload();
      }
    } else if (servedWhileIndexing && status.published && !status.search_pending && searched()) {
      events.close();
      location.reload();
    } else if (status.ok) clear();
    else refresh().catch(() => {});
  });
})();
