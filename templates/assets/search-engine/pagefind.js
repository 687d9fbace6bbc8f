// The search engine of the search page (templates/search.html). Pagefind's Component UI loads
// its engine as "pagefind.js" from its bundle path, which the page sets to this folder: so this
// module is what the UI calls (createInstance, mergeIndex, filters, search), and it answers with
// Pagefind's own engine, /pagefind/pagefind.js, adding two things.
//
// Shards. builder/search/ writes the index as one Pagefind index per language and year
// (/pagefind/<lang>-<year>/), listed in /pagefind/shards.json; /pagefind/ itself holds the
// engine, the WebAssembly and an empty index per language. Before its first search, an instance
// merges every shard of the page's language (mergeIndex), each with the same ranking settings
// as the primary index (Pagefind issue 796: a merged index left to other settings ranks oddly)
// and with a filter naming it, which the results never show.
//
// Sort by date. Pagefind sorts within one index: over merged indexes, each index's results come
// in date order, but Pagefind then interleaves the indexes by each one's own rank, which is not
// a date. Shards are years, so the date order of the whole is each shard's sorted results, shard
// after shard: a sorted search asks each shard that has results (restricted by its filter) and
// joins the answers, newest year first or last. Relevance is Pagefind's merged order as it is.
// setSort() chooses; the initial order comes from the address (?sort=newest|oldest).

import * as pagefind from "/pagefind/pagefind.js";

const BUNDLE = "/pagefind/";
const SHARD_FILTER = "digest-shard";
/** Pagefind 1.5's own defaults, given to every index alike. */
export const RANKING = Object.freeze({
  termSimilarity: 1.0,
  pageLength: 0.75,
  termSaturation: 1.4,
  termFrequency: 1.0,
  diacriticSimilarity: 0.8,
  metaWeights: { title: 5.0 },
});
/** Sort orders by name: the direction of Pagefind's "date" sort key, or none (relevance). */
export const SORTS = Object.freeze({ relevance: null, newest: "desc", oldest: "asc" });

let order = sortFrom(new URLSearchParams(globalThis.location?.search ?? "").get("sort"));

function sortFrom(name) {
  return Object.hasOwn(SORTS, name ?? "") ? name : "relevance";
}

/** Choose the order of the next searches: "relevance", "newest" or "oldest". */
export function setSort(name) {
  order = sortFrom(name);
  return order;
}

export function currentSort() {
  return order;
}

/** The shards of `lang`, newest first, from the manifest the search stage wrote. */
async function shardsOf(lang) {
  const response = await fetch(`${BUNDLE}shards.json`);
  if (!response.ok) {
    throw new Error(`${BUNDLE}shards.json: HTTP ${response.status}`);
  }
  const manifest = await response.json();
  const shards = manifest.languages?.[lang] ?? [];
  return [...shards].sort((a, b) => (a.period < b.period ? 1 : a.period > b.period ? -1 : 0));
}

function withoutShardFilter(counts) {
  if (!counts || !(SHARD_FILTER in counts)) return counts;
  const { [SHARD_FILTER]: _, ...rest } = counts;
  return rest;
}

function tidy(response) {
  if (!response) return response;
  return {
    ...response,
    filters: withoutShardFilter(response.filters),
    totalFilters: withoutShardFilter(response.totalFilters),
  };
}

async function sortedSearch(engine, shards, term, options, direction) {
  const sort = { date: direction };
  if (shards.length === 0) {
    return engine.search(term, { ...options, sort }); // one whole index: Pagefind sorts it all
  }
  const all = await engine.search(term, options); // the filter counts, and results per shard
  if (!all) return all;
  const perShard = all.filters?.[SHARD_FILTER];
  const inOrder = direction === "desc" ? shards : [...shards].reverse();
  const asked = inOrder.filter((shard) => !perShard || perShard[shard.name]);
  const parts = await Promise.all(asked.map((shard) => engine.search(term, {
    ...options,
    filters: { ...(options.filters ?? {}), [SHARD_FILTER]: shard.name },
    sort,
  })));
  return { ...all, results: parts.flatMap((part) => part?.results ?? []) };
}

/** An engine instance, as Pagefind's createInstance makes one, over the merged shards. */
export function createInstance(options = {}) {
  const engine = pagefind.createInstance({ ...options, ranking: RANKING });
  const lang = (document.documentElement.getAttribute("lang") || "unknown").toLowerCase();
  const merged = shardsOf(lang).then(async (shards) => {
    await Promise.all(shards.map((shard) => engine.mergeIndex(`${BUNDLE}${shard.name}/`, {
      ranking: RANKING,
      mergeFilter: { [SHARD_FILTER]: shard.name },
    })));
    return shards;
  });
  merged.catch(() => {}); // reported by the first call that waits for it

  const search = async (term, opts = {}) => {
    const shards = await merged;
    const direction = SORTS[order];
    if (!direction) return tidy(await engine.search(term, opts));
    return tidy(await sortedSearch(engine, shards, term, opts, direction));
  };
  let latest = 0;
  return {
    options: async (opts) => engine.options(opts),
    init: async () => { await engine.init(); await merged; },
    destroy: async () => engine.destroy(),
    mergeIndex: async (path, opts) => { await merged; return engine.mergeIndex(path, opts); },
    preload: async (term, opts = {}) => { await merged; return engine.preload(term, opts); },
    filters: async () => { await merged; return withoutShardFilter(await engine.filters()); },
    search,
    debouncedSearch: async (term, opts = {}, wait = 300) => {
      const mine = ++latest;
      await new Promise((resolve) => setTimeout(resolve, wait));
      if (mine !== latest) return null;
      const response = await search(term, opts);
      return mine === latest ? response : null;
    },
  };
}
