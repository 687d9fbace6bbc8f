// The word index of the merged shards, read as Pagefind 1.5 writes it (builder/search/bundle.py
// describes the layout), for the search page's engine (pagefind.js): which pages hold which
// indexed word, without reading a page's fragment.
//
// A shard's data files are gzip'd CBOR behind a 12-byte signature. Its metadata lists its pages
// (number -> [fragment hash, word count]; a Pagefind result's `id` is that hash) and its word
// chunks by first and last word; a chunk holds [[word, [[page, locations, meta locations], ...],
// [[form, pages], ...]], ...], each word's and each form's pages numbered from the one before.
// Pagefind fetches a chunk when a query word lies between its first and last word; the engine
// fetches the same files again (the browser's cache answers) and keeps what it decoded.

const SIGNATURE = new TextEncoder().encode("pagefind_dcd");
const META_PAGES = 1;
const META_CHUNKS = 2;
const META_FILTERS = 3;

/** A reader of the CBOR items in `bytes`, from byte `at`: the subset Pagefind writes (unsigned
 * and negative integers, byte and text strings, arrays, maps; definite lengths). `item()` reads
 * the next item, `skip()` passes over it without building it, `head()` reads the head of an
 * array, a map or a number (its count or value). */
export function cborReader(bytes, at = 0) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const text = new TextDecoder();
  const reader = {
    get at() { return at; },
    head() {
      const info = bytes[at++] & 31;
      if (info < 24) return info;
      at += 2 ** (info - 24);
      if (info === 24) return bytes[at - 1];
      if (info === 25) return view.getUint16(at - 2);
      if (info === 26) return view.getUint32(at - 4);
      if (info === 27) return Number(view.getBigUint64(at - 8));
      throw new Error(`CBOR: no definite length before byte ${at}`);
    },
    item() {
      const major = bytes[at] >> 5;
      const count = reader.head();
      switch (major) {
        case 0: return count;
        case 1: return -1 - count;
        case 2: at += count; return bytes.subarray(at - count, at);
        case 3: at += count; return text.decode(bytes.subarray(at - count, at));
        case 4: return Array.from({ length: count }, reader.item);
        case 5: return Object.fromEntries(Array.from({ length: count },
          () => [reader.item(), reader.item()]));
        default: throw new Error(`CBOR: type ${major} before byte ${at}`);
      }
    },
    skip() {
      const major = bytes[at] >> 5;
      const count = reader.head();
      if (major === 2 || major === 3) at += count;
      else if (major === 4 || major === 5) {
        for (let left = count * (major === 5 ? 2 : 1); left > 0; left -= 1) reader.skip();
      } else if (major > 1) throw new Error(`CBOR: type ${major} before byte ${at}`);
    },
  };
  return reader;
}

/** The CBOR item `bytes` hold. */
export function decodeCbor(bytes) {
  return cborReader(bytes).item();
}

function signed(bytes) {
  return SIGNATURE.every((byte, index) => bytes[index] === byte);
}

/** The CBOR bytes of the Pagefind data file at `url` (gzip'd, or plain behind the signature). */
async function dataBytes(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  let bytes = new Uint8Array(await response.arrayBuffer());
  if (!signed(bytes)) {
    const plain = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    bytes = new Uint8Array(await new Response(plain).arrayBuffer());
  }
  if (!signed(bytes)) throw new Error(`${url}: not a Pagefind data file`);
  return bytes.subarray(SIGNATURE.length);
}

async function dataFile(url) {
  return decodeCbor(await dataBytes(url));
}

/** One shard's index: `name`, its place `order` among the shards, its pages' hashes by number,
 * its chunks, and the words of the chunks read so far. */
class Shard {
  constructor(name, order, meta, base) {
    this.name = name;
    this.order = order;
    this.base = base;
    this.pages = meta[META_PAGES].map(([hash]) => hash);
    this.chunks = meta[META_CHUNKS].map(([from, to, hash]) => ({ from, to, hash }));
    this.filterFiles = meta[META_FILTERS];
    this.read = new Map();
    this.pageFilters = null;
  }

  /** The chunks that may hold a word from `low` to `high` (Pagefind compares unsealed words). */
  chunksBetween(low, high) {
    return this.chunks.filter((chunk) => !(chunk.to < low || chunk.from > high));
  }

  /** Every word of the chunks between `low` and `high`, as {key, pages()}: the word without its
   * seal, and the numbers of the pages holding it (in any of its forms). */
  async wordsBetween(low, high) {
    const chunks = await Promise.all(this.chunksBetween(low, high).map((chunk) => {
      if (!this.read.has(chunk.hash)) {
        this.read.set(chunk.hash,
          dataBytes(`${this.base}index/${chunk.hash}.pf_index`).then(chunkWords));
      }
      return this.read.get(chunk.hash);
    }));
    return chunks.flat().filter(({ key }) => key >= low && key <= high);
  }

  /** For each page number, the [filter, value] pairs it has (read once). */
  async filtersOfPages() {
    this.pageFilters ??= Promise.all(this.filterFiles.map(([, file]) =>
      dataFile(`${this.base}filter/${file}.pf_filter`))).then((files) => {
      const byPage = new Map();
      for (const [name, values] of files) {
        for (const [value, pages] of values) {
          for (const page of pages) {
            if (!byPage.has(page)) byPage.set(page, []);
            byPage.get(page).push([name, value]);
          }
        }
      }
      return byPage;
    });
    return this.pageFilters;
  }
}

/** The words of a chunk's CBOR `bytes`, as {key, pages()}: the word without its seal, and the
 * numbers of the pages holding it in any of its forms (in their text or their metadata, such as
 * the title), read from the bytes when first asked
 * (most words of a chunk are never asked: only their words are read, the rest passed over). */
function chunkWords(bytes) {
  const reader = cborReader(bytes);
  reader.head(); // [words]
  return Array.from({ length: reader.head() }, () => {
    reader.head(); // [word, pages, forms]
    const word = reader.item();
    const from = reader.at;
    reader.skip();
    reader.skip();
    let numbers = null;
    return {
      key: word.endsWith("#") ? word.slice(0, -1) : word,
      pages: () => {
        numbers ??= pagesAt(bytes, from);
        return numbers;
      },
    };
  });
}

/** The page numbers of a word's pages and its forms' pages, from byte `from` of `bytes`: each
 * list is [[page, locations, meta locations], ...], each page numbered from the one before. */
function pagesAt(bytes, from) {
  const reader = cborReader(bytes, from);
  const numbers = new Set();
  const list = () => {
    let page = 0;
    for (let left = reader.head(); left > 0; left -= 1) {
      reader.head(); // [page, locations, meta locations]
      page += reader.head();
      numbers.add(page);
      reader.skip();
      reader.skip();
    }
  };
  list();
  for (let forms = reader.head(); forms > 0; forms -= 1) {
    reader.head(); // [form, pages]
    reader.skip();
    list();
  }
  return numbers;
}

/** The shards of `names` under `bundle` (as "/pagefind/"), their index of language `lang`:
 * {shards, where(id)}, `where` giving the shard and page number of a result's id. */
export async function openShards(bundle, names, lang) {
  const shards = await Promise.all(names.map(async (name, order) => {
    const base = name ? `${bundle}${name}/` : bundle;
    const response = await fetch(`${base}pagefind-entry.json`);
    if (!response.ok) throw new Error(`${base}pagefind-entry.json: HTTP ${response.status}`);
    const languages = (await response.json()).languages ?? {};
    const index = languages[lang] ?? languages[lang.split("-")[0]] ?? Object.values(languages)[0];
    return new Shard(name, order, await dataFile(`${base}pagefind.${index.hash}.pf_meta`), base);
  }));
  const byId = new Map();
  for (const shard of shards) {
    shard.pages.forEach((hash, number) => byId.set(hash, { shard, number }));
  }
  return { shards, where: (id) => byId.get(id) };
}
