/** @jest-environment jsdom */
/**
 * The coordinator's desk and the profile editor in the user's language (docs/rules.md, "Languages"): no
 * English left in what they show or name for a fixture, while what they write into the workbook (the
 * Profile's labels, a rule set's id, the record's file names and state words) stays the program's English.
 */
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { PROFILE_FIELDS, PROFILE_SHEET } from "../../src/core";
import { App } from "../../src/taskpane/App";
import { loadLanguage } from "../../src/taskpane/i18n";
import { AS_OF, SAMPLE_ROWS, cellsOf, fill, formWorkbook, submissionFile } from "../taskpane/helpers";

const ROWS = SAMPLE_ROWS;

async function renderIn(requested: string[], workbook: Awaited<ReturnType<typeof formWorkbook>>) {
  const language = await loadLanguage(requested);
  render(
    <App
      workbook={workbook}
      asOf={AS_OF}
      language={language}
      exporter={{ loadBuilder: async () => async () => new Uint8Array(), open: jest.fn(async () => "downloaded" as const) }}
    />,
  );
  return language;
}

/** Everything a part of the pane says: its text (an option's too), and the names and tooltips its elements carry. */
function wordsOf(element: HTMLElement): string {
  const attributes = [...element.querySelectorAll("[aria-label], [title]")].flatMap((each) => [
    each.getAttribute("aria-label") ?? "",
    each.getAttribute("title") ?? "",
  ]);
  const texts: string[] = [];
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) texts.push(node.textContent ?? "");
  return [...texts, ...attributes].join(" ");
}

/** The words in Latin letters that a Japanese pane shows beyond what the fixture itself holds (names, files, codes). */
function latinWords(text: string, fixture: readonly string[]): string[] {
  const words = text.match(/[A-Za-z][A-Za-z0-9@._’'-]*[A-Za-z0-9]/g) ?? [];
  return [...new Set(words)].filter((word) => !fixture.includes(word));
}

test("the coordinator's desk in Japanese: every state, change, field and control in Japanese; the record keeps English", async () => {
  const workbook = await formWorkbook(ROWS);
  await renderIn(["ja-JP"], workbook);
  await userEvent.click(await screen.findByRole("tab", { name: "コーディネーター" }));
  const desk = screen.getByRole("region", { name: "提出書類を検証" });
  await userEvent.click(within(desk).getByRole("button", { name: "このブックを検証" }));
  await within(desk).findByRole("list", { name: "検証済みの提出書類" });
  await userEvent.upload(within(desk).getByTestId("submission-files"), [
    await submissionFile("ready.xlsx"),
    await submissionFile("edited.xlsx", (book) => {
      book.getWorksheet("Tracking Form")!.getCell("F3").value = 9;
      book.getWorksheet(PROFILE_SHEET)!.getCell("B2").value = "other@example.org";
    }),
    await submissionFile("differs.xlsx", (book) =>
      book.getWorksheet("Submission")!.eachRow((row) => {
        if (row.getCell(1).value === "Credits earned") row.getCell(2).value = 3;
      }),
    ),
  ]);
  await within(desk).findByText("differs.xlsx");
  const list = within(desk).getByRole("list", { name: "検証済みの提出書類" });
  const item = (name: string) => within(list).getByText(name).closest("li") as HTMLElement;
  for (const summary of within(list).getAllByText("指摘と変更")) await userEvent.click(summary);

  expect(within(item("ready.xlsx")).getByTestId("verification-state")).toHaveTextContent("付与可能");
  expect(within(item("edited.xlsx")).getByTestId("verification-state")).toHaveTextContent(
    "エクスポート後に編集: メール が変更; 3 行目が変更",
  );
  expect(within(item("differs.xlsx")).getByTestId("verification-state")).toHaveTextContent(
    "サマリーが不一致 (再計算との相違): 取得クレジット",
  );
  expect(within(item("このブック")).getByTestId("verification-state")).toHaveTextContent(
    "提出書類ではありません: エクスポートされていない記録またはフォームです",
  );
  expect(item("ready.xlsx")).toHaveTextContent("A 6 時間 · B 6 時間 · C 12 時間");
  expect(item("ready.xlsx")).toHaveTextContent(
    "次のクレジット (2 番目): あと A 12 時間、C 12 時間。先に テクニック認定 (CST-T) が必要です",
  );
  expect(item("ready.xlsx")).toHaveTextContent("現行のプログラム規則 (1 回目、2 回目、3 回目の 24 時間)。基準日 2025-01-15。");
  const changes = within(item("edited.xlsx")).getByRole("list", { name: "edited.xlsx の変更" });
  expect(changes).toHaveTextContent("プロフィール項目「メール」が変更されました。");
  expect(
    within(changes)
      .getAllByRole("columnheader")
      .map((cell) => cell.textContent),
  ).toEqual(["日付", "活動", "形式", "提供者", "資格", "数量", "メモ"]);
  expect(within(item("differs.xlsx")).getByRole("list", { name: "サマリーの相違" })).toHaveTextContent(
    "取得クレジット: 保存値 3、再計算値 1",
  );
  expect(within(desk).getByRole("group", { name: "結果の並べ替え" })).toBeInTheDocument();

  await userEvent.click(within(desk).getByRole("button", { name: "CST Verification に記録" }));
  // The open workbook's log and ready.xlsx's are the same, and differs.xlsx differs only in its summary: one fingerprint.
  await within(desk).findByText("2 件の提出 を CST Verification シートに記録しました (2 件は記録済み、フィンガープリントで判定)。");
  // Nothing English is left beside the fixture's own names, files and codes, and the record's sheet name.
  const fixture = [
    "Ada",
    "Quint",
    "ada@example.org",
    "other@example.org",
    "ready.xlsx",
    "edited.xlsx",
    "differs.xlsx",
    "xlsx",
    "csv",
    "UTC",
    "CST-T",
    "CST",
    "Verification",
  ];
  expect(latinWords(wordsOf(desk), fixture)).toEqual([]);

  // The record written into the workbook keeps the program's words: file names and states in English.
  const record = cellsOf(workbook, "CST Verification");
  expect(record[1]?.slice(0, 3)).toEqual(["File", "Mentee", "Email"]);
  expect(record.slice(2).map((row) => [row[0], row[10]])).toEqual([
    ["This workbook", "NOT A SUBMISSION"],
    ["edited.xlsx", "EDITED after export"],
  ]);
});

test("the profile editor in Japanese: labels, hints, rule sets and every message it shows, none in English", async () => {
  // The sheet holds an email that is none, a certification date in the future, one that is no calendar date and a count that is no number.
  const workbook = await formWorkbook(ROWS, ["Ada Quint", "ada.example.org", "2030-01-01", "2024-02-30", "x", "current"]);
  await renderIn(["ja-JP"], workbook);
  const profile = await screen.findByRole("region", { name: "プロフィール" });
  const form = within(profile).getByRole("form", { name: "プロフィール" });
  expect(within(form).getByText("メールアドレスではありません", { exact: false })).toHaveTextContent(
    'メール "ada.example.org" はメールアドレスではありません。name@example.org のように入力してください。',
  );
  expect(within(form).getByText(/未来の日付です/)).toHaveTextContent("CST-T 認定日 2030-01-01 は未来の日付です。");
  expect(within(form).getByText(/実在する日付ではありません/)).toHaveTextContent(
    'CST-D 認定日 "2024-02-30" は実在する日付ではありません。',
  );
  expect(within(form).getByText(/整数ではありません/)).toHaveTextContent(
    'この記録より前に付与されたクレジット "x" は 0 から 1000 までの整数ではありません。',
  );

  // Typed in the pane: the Diplomate date before the Technique one.
  fill(within(form).getByLabelText(/^CST-T 認定日/), "2024-05-01");
  fill(within(form).getByLabelText(/^CST-D 認定日/), "2024-01-01");
  fill(within(form).getByLabelText(/^メール/), "ada@example.org");
  fill(within(form).getByLabelText(/^この記録より前に付与されたクレジット/), "0");
  await userEvent.click(within(form).getByRole("button", { name: "プロフィールを保存" }));
  expect(await within(form).findByText(/CST-D 認定日 2024-01-01 が CST-T 認定日 2024-05-01 より前です/)).toBeInTheDocument();
  expect(within(form).getByText(/プロフィールは保存されませんでした/)).toBeInTheDocument();
  expect(within(form).getByRole("option", { name: "2014 年のプログラム規則 (24 時間ごとに同じ)" })).toBeInTheDocument();

  const fixture = ["ada@example.org", "name@example.org", "ISO", "YYYY-MM-DD", "Excel", "CST-T", "CST-D"];
  expect(latinWords(wordsOf(profile), fixture)).toEqual([]);
});

test("a profile saved in German writes the values under the Profile's English labels, the rule set by its id", async () => {
  const workbook = await formWorkbook(ROWS);
  await renderIn(["de-DE"], workbook);
  const form = await screen.findByRole("form", { name: "Profil" });
  expect(within(form).getByLabelText(/^Name des Mentees/)).toHaveValue("Ada Quint");
  fill(within(form).getByLabelText(/^E-Mail/), "neu@example.org");
  await userEvent.selectOptions(within(form).getByLabelText(/^Regelwerk/), "Programmregeln von 2014 (alle 24 Stunden gleich)");
  await userEvent.click(within(form).getByRole("button", { name: "Profil speichern" }));
  await within(form).findByText("Im Blatt Profile gespeichert: E-Mail, Regelwerk.");
  const cells = cellsOf(workbook, PROFILE_SHEET);
  expect(cells.map((row) => row[0])).toEqual(PROFILE_FIELDS.map((field) => field.label));
  expect(cells[1]?.[1]).toBe("neu@example.org");
  expect(cells[5]?.[1]).toBe("2014");
});

test("files the desk cannot read say why in German; the reader's English is only the record's and the command line's", async () => {
  const workbook = await formWorkbook(ROWS);
  await renderIn(["de-DE"], workbook);
  await userEvent.click(await screen.findByRole("tab", { name: "Koordination" }));
  const desk = screen.getByRole("region", { name: "Einreichungen prüfen" });
  const ole2 = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Uint8Array(504)]);
  await userEvent.upload(within(desk).getByTestId("submission-files"), [
    new File(["Date,Activity"], "saved-as-text.xlsx"),
    new File([""], "empty.csv", { type: "text/csv" }),
    new File([ole2], "old.xlsx"),
  ]);
  const list = await within(desk).findByRole("list", { name: "Geprüfte Einreichungen" });
  await within(list).findByText("old.xlsx");
  const state = (name: string) => within(within(list).getByText(name).closest("li") as HTMLElement).getByTestId("verification-state");
  expect(state("saved-as-text.xlsx")).toHaveTextContent(
    "NICHT LESBAR: Es ist keine Excel-Arbeitsmappe (.xlsx): Die Datei ließ sich nicht als solche öffnen; speichern Sie sie in Excel als .xlsx",
  );
  expect(state("empty.csv")).toHaveTextContent(
    "NICHT LESBAR: Die Datei ist leer: Die erste Zeile muss die Kopfzeile Date,Activity,Format,Provider,Credential,Quantity,Notes sein",
  );
  expect(state("old.xlsx")).toHaveTextContent(
    /^NICHT LESBAR: Das alte \.xls-Format wird nicht gelesen \(eine Arbeitsmappe von Excel 97-2003/,
  );
  expect(wordsOf(list)).not.toMatch(/is not read|not an Excel workbook|the file is empty/);
});

test("a failure the pane did not foresee is told in the pane's language", async () => {
  const workbook = await formWorkbook(ROWS);
  jest.spyOn(workbook, "removeRow").mockRejectedValue(new Error("the sheet is protected"));
  await renderIn(["de-DE"], workbook);
  const log = await screen.findByRole("list", { name: "Erfasste Aktivitäten" });
  await userEvent.click(within(log).getByRole("button", { name: "Zeile 2 entfernen" }));
  await userEvent.click(
    within(await screen.findByRole("group", { name: "Zeile 2 entfernen?" })).getByRole("button", { name: "Zeile 2 entfernen" }),
  );
  expect(await screen.findByText("Etwas ist schiefgegangen (the sheet is protected): Bitte versuchen Sie es erneut.")).toBeInTheDocument();
  expect(screen.queryByText(/Something went wrong/)).toBeNull();
});

test("a workbook the pane cannot read is told in the pane's language, and again when the language changes", async () => {
  const workbook = await formWorkbook(ROWS);
  jest.spyOn(workbook, "readForm").mockRejectedValue(new Error("Excel is busy"));
  const exporter = { loadBuilder: async () => async () => new Uint8Array(), open: jest.fn(async () => "downloaded" as const) };
  const { rerender } = render(<App workbook={workbook} asOf={AS_OF} exporter={exporter} language={await loadLanguage(["ja-JP"])} />);
  expect(await screen.findByText("問題が発生しました (Excel is busy)。もう一度お試しください。")).toBeInTheDocument();
  rerender(<App workbook={workbook} asOf={AS_OF} exporter={exporter} language={await loadLanguage(["fr-FR"])} />);
  expect(await screen.findByText("Un problème est survenu (Excel is busy) : réessayez.")).toBeInTheDocument();
});
