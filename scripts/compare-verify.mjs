// Runs `verify --json` (and the human report) of two builds of the command line on the same files, and
// says whether their output is byte-identical: for a change that must not change behaviour.
//   node scripts/compare-verify.mjs OLD/lib/cli.cjs NEW/lib/cli.cjs
// The files: the blank template, CSV logs with a row for each finding (error, warning, extra fields,
// a semicolon-separated one), their exported submissions, an exported submission edited after export,
// a workbook openpyxl writes with rows below the table (when python3-openpyxl is present), and files
// that cannot be read.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const [oldCli, newCli] = process.argv.slice(2);
if (!oldCli || !newCli) {
  console.error("usage: node scripts/compare-verify.mjs OLD_CLI NEW_CLI");
  process.exit(2);
}
const dir = mkdtempSync(join(tmpdir(), "compare-verify-"));
const AS_OF = ["--as-of", "2025-06-30"];
const header = "Date,Activity,Format,Provider,Credential,Quantity,Notes";
const T = "Treatment received from a CST-T or CST-D";
const M = "1x1 mentorship with a certified mentor";
const good = [
  `2023-09-12,${T},In person,Ilse Brandvold,CST-D,1.5,`,
  `2023-09-20,${M},Virtual,Tomasz Reyes,Mentor,2,Case review`,
  "2023-10-03,Small group mentorship (4–8 participants),In person,Priya Lindqvist,CST-D,3,",
  "2023-11-02,Study group session (in person or virtual),Virtual,,,2,",
  "2023-12-05,Beyond the Dura conference,In person,,,8,capped",
  "2024-02-20,Empower Your Practice online recording,Virtual,,,2,",
  "2024-04-09,Precepting an Advanced CST workshop,In person,,,2,",
  "2024-06-18,Instructor-led conference call after a CSIR class,Virtual,,,1,",
];
for (let day = 1; day <= 28; day++) {
  const date = `2024-08-${String(day).padStart(2, "0")}`;
  good.push(`${date},${T},In person,Dolores Achebe,CST-T,1.5,`, `${date},${M},In person,Tomasz Reyes,Mentor,2,`);
}
const bad = [
  `,${T},In person,Ilse Brandvold,CST-D,1,missing date`,
  `2023-02-30,${T},In person,Ilse Brandvold,CST-D,1,bad date`,
  `03/04/2024,${T},In person,Ilse Brandvold,CST-D,1,ambiguous`,
  `2030-01-01,${T},In person,Ilse Brandvold,CST-D,1,future`,
  `2012-01-01,${T},In person,Ilse Brandvold,CST-D,1,before eligibility`,
  "2024-01-01,Juggling,In person,Ilse Brandvold,CST-D,1,unknown activity",
  `2024-01-02,${T},Virtual,Ilse Brandvold,CST-D,1,virtual`,
  `2024-01-03,${T},,Ilse Brandvold,CST-D,1,missing format`,
  `2024-01-04,${T},On the moon,Ilse Brandvold,CST-D,1,bad format`,
  `2024-01-05,${T},In person,,CST-D,1,missing provider`,
  `2024-01-06,${T},In person,Ilse Brandvold,Reiki,1,bad credential`,
  `2024-01-07,${M},In person,Tomasz Reyes,,1,empty credential`,
  `2024-01-08,${T},In person,Ilse Brandvold,CST-D,0,zero`,
  `2024-01-09,${T},In person,Ilse Brandvold,CST-D,abc,not a number`,
  `2024-01-10,${T},In person,Ilse Brandvold,CST-D,5000,too large`,
  `2024-01-11,${T},In person,Ilse Brandvold,CST-D,1.005,rounded`,
  `2024-01-12,${T},In person,Ilse Brandvold,CST-D,14,long row`,
  "2024-01-13,Empower Your Practice online recording,Virtual,,,1.5,not whole",
  `2024-01-14,${T},In person,Ilse Brandvold,CST-D,1,`,
  `2024-01-14,${T},In person,ilse brandvold,CST-D,1,possible duplicate`,
  `2024-01-15,${T},In person,Ilse Brandvold,CST-D,1,extra,fields`,
  `2024-01-16,"${T}",In person,"Brandvold, Ilse",CST,1,"quoted, CST read as CST-T"`,
];
const files = [];
const write = (name, text) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  files.push(path);
  return path;
};
const goodCsv = write("good.csv", [header, ...good].join("\r\n") + "\r\n");
write("findings.csv", [header, ...good, ...bad].join("\n") + "\n");
write(
  "semicolon.csv",
  [header, ...good.slice(0, 6)]
    .map((line) => line.replaceAll(",", ";"))
    .join("\r\n")
    .replace(/(\d)\.(\d)/g, "$1,$2"),
);
const run = (cli, args) => spawnSync(process.execPath, [cli, ...args], { encoding: "buffer", maxBuffer: 1 << 28 });
const exported = join(dir, "submission.xlsx");
run(newCli, ["export", goodCsv, exported, "--name", "Ada Example", "--email", "ada@example.org", "--cst-t", "2023-01-15", ...AS_OF]);
files.push(exported);
const template = join(dir, "template.xlsx");
run(newCli, ["template", template]);
files.push(template);
try {
  const edited = join(dir, "edited.xlsx");
  const belowTable = join(dir, "below-table.xlsx");
  execFileSync("/usr/bin/python3", [
    "-c",
    `import openpyxl, sys
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb["Tracking Form"]
for row in ws.iter_rows():
    for cell in row:
        if cell.value == 1.5:
            cell.value = 2.5
            break
wb.save(sys.argv[2])
wb = openpyxl.load_workbook(sys.argv[3])
ws = wb["Tracking Form"]
last = 201
ws.cell(row=last + 1, column=1, value="2024-03-01")
ws.cell(row=last + 1, column=2, value="${T}")
ws.cell(row=last + 1, column=3, value="In person")
ws.cell(row=last + 1, column=4, value="Ilse Brandvold")
ws.cell(row=last + 1, column=5, value="CST-D")
ws.cell(row=last + 1, column=6, value=1.5)
wb.save(sys.argv[4])`,
    exported,
    edited,
    template,
    belowTable,
  ]);
  files.push(edited, belowTable);
} catch {
  console.log("(python3-openpyxl absent: no edited or openpyxl-written workbook)");
}

// Files that cannot be read: each is refused with one line on stderr, which must not change either.
write("empty.csv", "");
write("other-headers.csv", "Activity,Date,Format,Provider,Credential,Quantity,Notes\n");
write("open-quote.csv", `${header}\n2024-01-02,"${T},In person,A,CST-T,1,\n`);
write("notes.txt", "hello");
write("old.xlsx", Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(504).fill(0)]));
write("saved-as-text.xlsx", "Date,Activity\n");
files.push(join(dir, "missing.csv"));

let differences = 0;
const variants = [["--json"], [], ["--json", "--awarded", "1"]];
for (const file of files) {
  for (const extra of variants) {
    const args = ["verify", file, ...AS_OF, ...extra];
    const [before, after] = [run(oldCli, args), run(newCli, args)];
    const same =
      before.status === after.status &&
      Buffer.compare(before.stdout, after.stdout) === 0 &&
      Buffer.compare(before.stderr, after.stderr) === 0;
    if (!same) differences++;
    console.log(
      `${same ? "same" : "DIFFERENT"}  exit ${before.status}/${after.status}  ${before.stdout.length} bytes  ${args
        .slice(1)
        .join(" ")
        .replace(dir + "/", "")}`,
    );
  }
}
const all = ["verify", ...files, ...AS_OF, "--json"];
const [before, after] = [run(oldCli, all), run(newCli, all)];
const same = Buffer.compare(before.stdout, after.stdout) === 0;
if (!same) differences++;
console.log(`${same ? "same" : "DIFFERENT"}  all ${files.length} files at once, ${before.stdout.length} bytes`);
if (readFileSync(exported).length === 0) differences++;
rmSync(dir, { recursive: true, force: true });
console.log(differences === 0 ? "byte-identical" : `${differences} differences`);
process.exitCode = differences === 0 ? 0 : 1;
