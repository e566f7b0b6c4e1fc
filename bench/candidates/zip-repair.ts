/**
 * Part of the "exceljs with guards" candidate (bench/readers.ts), as the project had it.
 *
 * exceljs 4.4 finds a worksheet's tables, comments and drawings by the
 * relative targets Excel writes (`../tables/table1.xml`). openpyxl and some
 * other tools write absolute targets (`/xl/tables/table1.xml`), which the
 * format allows and Excel reads, but exceljs then fails with "Cannot read
 * properties of undefined (reading 'name')" (exceljs issue 1468). Rewriting
 * those targets to relative ones before exceljs loads the file fixes it
 * without changing what the workbook means.
 */
import JSZip from "jszip";

/** Relationship parts whose targets exceljs resolves relative to the part's folder. */
const RELS_PART = /^xl\/(worksheets|drawings)\/_rels\/[^/]+\.rels$/;
const RELATIONSHIP = /<Relationship\b[^>]*>/g;
const ABSOLUTE_TARGET = /\bTarget="\/([^"]*)"/;

/** The path of `target` (from the package root) relative to `folder`, both without leading slashes. */
export function relativeTarget(folder: string, target: string): string {
  const from = folder.split("/").filter(Boolean);
  const to = target.split("/").filter(Boolean);
  let common = 0;
  while (common < from.length && common < to.length - 1 && from[common] === to[common]) common++;
  return [...new Array<string>(from.length - common).fill(".."), ...to.slice(common)].join("/");
}

/** One relationships part with its internal absolute targets made relative to `folder`. */
export function relativizeTargets(xml: string, folder: string): string {
  return xml.replace(RELATIONSHIP, (element) => {
    if (/\bTargetMode="External"/.test(element)) return element;
    return element.replace(ABSOLUTE_TARGET, (_match, target: string) => `Target="${relativeTarget(folder, target)}"`);
  });
}

/**
 * The workbook's bytes ready for exceljs: unchanged when no worksheet or
 * drawing relationship uses an absolute target, else rewritten (stored
 * without compression: the result is only read once, in memory).
 */
export async function repairAbsoluteTargets(bytes: Uint8Array): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(bytes);
  let changed = false;
  for (const file of Object.values(zip.files)) {
    const name = file.name.replace(/^\//, "");
    const match = RELS_PART.exec(name);
    if (file.dir || match === null) continue;
    const xml = await file.async("string");
    if (!xml.includes('Target="/')) continue;
    const fixed = relativizeTargets(xml, `xl/${match[1]}`);
    if (fixed !== xml) {
      zip.file(file.name, fixed);
      changed = true;
    }
  }
  return changed ? zip.generateAsync({ type: "uint8array", compression: "STORE" }) : bytes;
}
