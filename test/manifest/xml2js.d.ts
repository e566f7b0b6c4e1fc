// The part of xml2js (installed with office-addin-manifest, which parses manifests with it) the manifest test uses.
declare module "xml2js" {
  export function parseStringPromise(
    xml: string,
    options?: { explicitArray?: boolean; explicitChildren?: boolean; preserveChildrenOrder?: boolean },
  ): Promise<unknown>;
}
