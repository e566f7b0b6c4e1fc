/**
 * jest sees src/functions/functions.ts as webpack bundles it: the loader of
 * custom-functions-metadata-plugin appends `CustomFunctions.associate("ID", fn)`
 * for each function the metadata generator finds, then the file compiles
 * like any other (with @swc/jest and the options of jest.config.js). Tests
 * of registration thus run the calls the add-in really makes.
 */
const { createHash } = require("node:crypto");
const { readFileSync } = require("node:fs");
const swcJest = require("@swc/jest");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const appendAssociations = require("custom-functions-metadata-plugin/lib/loader.js");
const { parseTree } = require("custom-functions-metadata/lib/parseTree.js");

const OWN_KEY = createHash("sha1")
  .update(readFileSync(__filename))
  .update(require("custom-functions-metadata-plugin/package.json").version)
  .update(require("custom-functions-metadata/package.json").version)
  .digest("hex");

/** The source the plugin's loader hands on to ts-loader in the webpack build. */
function withAssociations(source, file) {
  const { associate, extras } = parseTree(source, file);
  const errors = extras.flatMap((extra) => extra.errors);
  if (errors.length > 0) throw new Error(`${file}: ${errors.join("; ")}`);
  CustomFunctionsMetadataPlugin.generateResults[file] = { associate, errors, metadataJson: "" };
  return appendAssociations.call({ getOptions: () => ({ input: file, file }) }, source);
}

module.exports = {
  createTransformer(swcOptions) {
    const swc = swcJest.createTransformer(swcOptions);
    return {
      process: (source, file, options) => swc.process(withAssociations(source, file), file, options),
      getCacheKey: (source, file, ...rest) => `${swc.getCacheKey(source, file, ...rest)}:${OWN_KEY}`,
    };
  },
};
