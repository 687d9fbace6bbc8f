// Netlify build plugin: digest's build state (in .digest-cache/) and the site it published
// (site/) kept in Netlify's build cache between deploys, with Netlify's own cache utilities
// (utils.cache, @netlify/cache-utils).
//
// Every deploy starts from a fresh clone, so without this every `digest build` is a clean one.
// Before the build, each of the paths below that is not there is restored from the cache; after
// a successful build, all are saved. `digest build` then finds its state and the previous site,
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
// What is cached, and how to clear it: README.md, "Deploying to Netlify".

'use strict';

const fs = require('node:fs');

// The build state, the page reads and the site folder of a digest project (`digest build`
// without --output).
const PATHS = ['.digest-cache/cache.pickle', '.digest-cache/reads', 'site'];

const said = (message) => console.log(`digest-cache: ${message}`);

module.exports = {
  async onPreBuild({ utils }) {
    for (const path of PATHS) {
      if (fs.existsSync(path)) {
        said(`${path} is already here: kept as it is, not restored`);
        continue;
      }
      try {
        if (await utils.cache.restore(path)) {
          said(`${path} restored from the build cache`);
        } else {
          said(`${path} is not in the build cache yet: this build makes it anew`);
        }
      } catch (error) {
        // Half restored is no use to anyone: the build goes on without it.
        fs.rmSync(path, { recursive: true, force: true });
        said(`${path} could not be restored (${error.message}): this build makes it anew`);
      }
    }
  },

  // After the build command and before the deploy: only a build that succeeded gets here, so
  // the cache always holds a complete build's state beside the site it published. A failure to
  // save costs the next deploy time, never this one.
  async onPostBuild({ utils }) {
    for (const path of PATHS) {
      try {
        if (await utils.cache.save(path)) {
          said(`${path} saved to the build cache`);
        }
      } catch (error) {
        said(`${path} could not be saved (${error.message}): the next build does more`);
      }
    }
  },
};
