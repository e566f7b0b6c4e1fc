/**
 * `export … OUT.pdf`: the submission workbook printed to PDF by LibreOffice
 * (`soffice --headless --convert-to pdf`), which honours the workbook's page
 * setup (the cover page, the log fit to one page wide with its header row on
 * every page, the footers). Where LibreOffice is not installed it says so
 * plainly and how to get it.
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { pathToFileURL } from "node:url";
import { UnreadableFileError, fileProblem } from "../workbook/errors";

const KNOWN_PLACES = [
  "/Applications/LibreOffice.app/Contents/MacOS/soffice",
  "C:\\Program Files\\LibreOffice\\program\\soffice.exe",
  "C:\\Program Files (x86)\\LibreOffice\\program\\soffice.exe",
];

/** LibreOffice's command, from the PATH or where its installers put it; null when absent. */
export function findSoffice(path = process.env.PATH ?? ""): string | null {
  const names = process.platform === "win32" ? ["soffice.exe", "soffice.com"] : ["soffice", "libreoffice"];
  for (const folder of path.split(delimiter)) {
    for (const name of names) {
      const candidate = join(folder, name);
      if (folder !== "" && existsSync(candidate)) return candidate;
    }
  }
  return KNOWN_PLACES.find((place) => existsSync(place)) ?? null;
}

export const NO_LIBREOFFICE = fileProblem(
  "writing a PDF needs LibreOffice, which was not found: install it from https://www.libreoffice.org/download/ (on Debian or Ubuntu: apt-get install libreoffice-calc-nogui), or export OUT.xlsx and print it from Excel",
  "unreadable.pdf.noLibreOffice",
);

/** The PDF bytes of an .xlsx workbook, converted by LibreOffice in a private profile (so a running LibreOffice does not interfere). */
export async function workbookToPdf(xlsx: Uint8Array, soffice: string | null = findSoffice()): Promise<Uint8Array> {
  if (soffice === null) throw UnreadableFileError.of(NO_LIBREOFFICE);
  const folder = await mkdtemp(join(tmpdir(), "cst-pdf-"));
  try {
    const source = join(folder, "submission.xlsx");
    await writeFile(source, xlsx);
    await new Promise<void>((resolve, reject) => {
      execFile(
        soffice,
        [
          "--headless",
          "--norestore",
          `-env:UserInstallation=${pathToFileURL(join(folder, "profile")).href}`,
          "--convert-to",
          "pdf",
          "--outdir",
          folder,
          source,
        ],
        { timeout: 180_000 },
        (error) => (error === null ? resolve() : reject(error)),
      );
    });
    try {
      return new Uint8Array(await readFile(join(folder, "submission.pdf")));
    } catch {
      throw new UnreadableFileError(
        "LibreOffice did not write the PDF: try again, or export OUT.xlsx and print it from Excel",
        "unreadable.pdf.notWritten",
      );
    }
  } catch (error) {
    if (error instanceof UnreadableFileError) throw error;
    const detail = (error as Error).message.split("\n")[0] ?? "";
    throw new UnreadableFileError(`LibreOffice could not convert the submission to PDF (${detail})`, "unreadable.pdf.failed", {
      detail,
    });
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
