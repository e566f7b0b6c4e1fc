/**
 * A webpack loader that compiles JavaScript (the add-in's, after ts-loader,
 * and every package's) down to the browsers of .browserslistrc with
 * esbuild: syntax newer than the oldest web view Office uses is rewritten,
 * so no package ships syntax a supported Excel cannot parse. Imports and
 * exports are left for webpack.
 */
const { transform } = require("esbuild");

/** esbuild targets for a browserslist query's result: the oldest version of each engine esbuild knows. */
function esbuildTargets(browsers) {
  const names = { chrome: "chrome", edge: "edge", firefox: "firefox", safari: "safari", ios_saf: "ios" };
  const oldest = new Map();
  for (const entry of browsers) {
    const [name, range] = entry.split(" ");
    const engine = names[name];
    if (engine === undefined) continue;
    const version = Number.parseFloat(range.split("-")[0]);
    if (!oldest.has(engine) || version < oldest.get(engine)) oldest.set(engine, version);
  }
  return [...oldest].map(([engine, version]) => `${engine}${version}`);
}

module.exports = function compile(source, map) {
  const done = this.async();
  const { targets } = this.getOptions();
  transform(source, {
    loader: "js",
    target: targets,
    sourcefile: this.resourcePath,
    sourcemap: this.sourceMap ? "external" : false,
    // Keep names the code reads at run time (React components' displayName, errors).
    keepNames: false,
    minify: false,
  }).then(
    (result) => done(null, result.code, result.map === "" ? map : result.map),
    (error) => done(error),
  );
};

module.exports.esbuildTargets = esbuildTargets;
