// Netlify build plugin: digest's build state (in .digest-cache/) and the site it published
// (site/) kept in Netlify's build cache between deploys, with Netlify's own cache utilities
// (utils.cache, @netlify/cache-utils).
//
// Every deploy starts from a fresh clone, so without this every `digest build` is a clean one.
// Before the build, each of them that is not there is restored from the cache; after a
// successful build, all are saved. `digest build` then finds its state and the previous site,
// takes from them only what it can prove is still right (a page is parsed again when its bytes
// differ, a file of the site is reused when its bytes are the recorded ones), and renders and
// re-indexes only what changed; a restored site/ is never published as it is: the build
// replaces it whole with the next site. Nothing here decides what is reused: a cache from
// another version of digest, another branch or a half-finished save only makes more work.
//
// Of .digest-cache/, only the state and the page reads are kept: they are read as data only,
// whatever they hold. Its compiled templates are code, and stay with the build that made them
// (docs/guarantees.md); the next build compiles the few templates it renders with.
//
// The site (12,500 files at 10,000 articles) is moved into and out of the cache rather than
// copied, where the cache is on the same file system: restored by moving it out of the cache,
// saved by moving in a copy made of hard links (the deploy still needs site/ itself). Copying
// it each way took about 10 s at 10,000 articles. Where a move cannot be made, it is copied.
//
// What is cached, and how to clear it: README.md, "Deploying to Netlify".

'use strict';

const fs = require('node:fs');
const path = require('node:path');

// The build state and the page reads of a digest project, copied.
const STATE = ['.digest-cache/cache.pickle', '.digest-cache/reads'];
// The site folder of a digest project (`digest build` without --output).
const SITE = 'site';
// Where the site waits on its way into or out of the cache, under this name there: Netlify's own
// working folder, which the build never reads.
const PARKED = '.netlify/digest-site';

const said = (message) => console.log(`digest-cache: ${message}`);
const since = (start) => `${((Date.now() - start) / 1000).toFixed(1)} s`;
const remove = (folder) => fs.rmSync(folder, { recursive: true, force: true });

// utils.cache's `action` moving `where`; copying where it cannot be moved (a folder cannot be
// moved to another file system).
async function moved(utils, action, where) {
  try {
    return await utils.cache[action](where, { move: true });
  } catch {
    return await utils.cache[action](where);
  }
}

// `source` as a new tree at `target` made of hard links to its files (copies where the file
// system has none). Links are left out: the build writes none.
function linkTree(source, target) {
  fs.mkdirSync(target, { recursive: true });
  for (const entry of fs.readdirSync(source, { withFileTypes: true })) {
    const from = path.join(source, entry.name);
    const to = path.join(target, entry.name);
    if (entry.isDirectory()) {
      linkTree(from, to);
    } else if (entry.isFile()) {
      try {
        fs.linkSync(from, to);
      } catch {
        fs.copyFileSync(from, to);
      }
    }
  }
}

async function restoreState(utils) {
  for (const where of STATE) {
    if (fs.existsSync(where)) {
      said(`${where} is already here: kept as it is, not restored`);
      continue;
    }
    const start = Date.now();
    try {
      if (await utils.cache.restore(where)) {
        said(`${where} restored from the build cache (${since(start)})`);
      } else {
        said(`${where} is not in the build cache yet: this build makes it anew`);
      }
    } catch (error) {
      remove(where); // half restored is no use to anyone: the build goes on without it
      said(`${where} could not be restored (${error.message}): this build makes it anew`);
    }
  }
}

async function restoreSite(utils) {
  if (fs.existsSync(SITE)) {
    said(`${SITE} is already here: kept as it is, not restored`);
    return;
  }
  const start = Date.now();
  try {
    remove(PARKED);
    if (await moved(utils, 'restore', PARKED)) {
      fs.renameSync(PARKED, SITE);
      said(`${SITE} restored from the build cache (${since(start)})`);
    } else {
      said(`${SITE} is not in the build cache yet: this build makes it anew`);
    }
  } catch (error) {
    remove(PARKED);
    remove(SITE);
    said(`${SITE} could not be restored (${error.message}): this build makes it anew`);
  }
}

async function saveAll(utils) {
  for (const where of STATE) {
    const start = Date.now();
    try {
      if (await utils.cache.save(where)) {
        said(`${where} saved to the build cache (${since(start)})`);
      }
    } catch (error) {
      said(`${where} could not be saved (${error.message}): the next build does more`);
    }
  }
  if (!fs.existsSync(SITE)) {
    return;
  }
  const start = Date.now();
  try {
    remove(PARKED);
    linkTree(SITE, PARKED);
    if (await moved(utils, 'save', PARKED)) {
      said(`${SITE} saved to the build cache (${since(start)})`);
    }
  } catch (error) {
    said(`${SITE} could not be saved (${error.message}): the next build does more`);
  } finally {
    remove(PARKED); // left here only when it was copied
  }
}

module.exports = {
  async onPreBuild({ utils }) {
    await restoreState(utils);
    await restoreSite(utils);
  },

  // After the build command and before the deploy: only a build that succeeded gets here, so
  // the cache always holds a complete build's state beside the site it published. A failure to
  // save costs the next deploy time, never this one.
  async onPostBuild({ utils }) {
    await saveAll(utils);
  },
};
