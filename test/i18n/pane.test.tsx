/** @jest-environment jsdom */
/**
 * The pane in the user's language (docs/rules.md, "Languages"): its words
 * from the catalog, an activity shown in the language and written into the
 * log as its canonical label, the workbook's identity unchanged.
 */
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { App } from "../../src/taskpane/App";
import { loadLanguage } from "../../src/taskpane/i18n";
import { AS_OF, LOG_SHEET, cellsOf, fill, formWorkbook, serial, treatment } from "../taskpane/helpers";

async function renderIn(requested: string[], workbook: Awaited<ReturnType<typeof formWorkbook>>) {
  const language = await loadLanguage(requested);
  const open = jest.fn(async () => "downloaded" as const);
  render(
    <App workbook={workbook} asOf={AS_OF} language={language} exporter={{ loadBuilder: async () => async () => new Uint8Array(), open }} />,
  );
  return language;
}

test("Office's display language de-DE gives the German pane; the activity chosen in German is written as its canonical label", async () => {
  const workbook = await formWorkbook([treatment("2024-01-10", 2)]);
  const language = await renderIn(["de-DE"], workbook);
  expect(language.tag).toBe("de");
  expect(await screen.findByRole("tab", { name: "Koordination" })).toBeInTheDocument();
  expect(await screen.findByRole("heading", { name: "Ihr Fortschritt" })).toBeInTheDocument();
  const form = within(await screen.findByRole("form", { name: "Aktivität hinzufügen" }));
  const activity = form.getByLabelText(/^Aktivität/) as HTMLSelectElement;
  expect([...activity.options].map((option) => option.textContent)).toContain("1x1-Mentoring mit einem zertifizierten Mentor (C)");
  await userEvent.selectOptions(activity, "one-on-one");
  expect(form.getByText("1x1-Mentoring mit einem zertifizierten Mentor: Kategorie C.")).toBeInTheDocument();
  await userEvent.selectOptions(form.getByLabelText(/^Format/), "virtual");
  expect(form.getByRole("option", { name: "Virtuell" })).toBeInTheDocument();
  fill(form.getByLabelText(/^Mentor/), "Tomasz Reyes");
  fill(form.getByLabelText(/^Qualifikation/), "Mentor");
  fill(form.getByLabelText(/^Menge/), "1,5");
  await userEvent.click(form.getByRole("button", { name: "Zum Protokoll hinzufügen" }));
  await screen.findByText(/Hinzugefügt als Zeile 3\./);
  // The sheet holds the program's own words, as every reader expects.
  expect(cellsOf(workbook, LOG_SHEET)[2]).toEqual([
    serial(AS_OF),
    "1x1 mentorship with a certified mentor",
    "Virtual",
    "Tomasz Reyes",
    "Mentor",
    1.5,
    "",
  ]);
});

test.each([
  ["ja-JP", "ja", "あなたの進捗", "活動を追加"],
  ["es-419", "es", "Tu progreso", "Añadir una actividad"],
  ["pt-PT", "pt-BR", "Seu progresso", "Adicionar uma atividade"],
  ["fr-CA", "fr", "Votre progression", "Ajouter une activité"],
  ["sw-KE", "en", "Your progress", "Add an activity"],
])("%s gets the %s catalog", async (requested, tag, progress, add) => {
  const language = await renderIn([requested], await formWorkbook([treatment("2024-01-10", 2)]));
  expect(language.tag).toBe(tag);
  expect(await screen.findByRole("heading", { name: progress })).toBeInTheDocument();
  expect(screen.getByRole("form", { name: add })).toBeInTheDocument();
});

test("findings in German: the list and the form's field speak German, the sheet keeps what was typed", async () => {
  const workbook = await formWorkbook([
    treatment("2024-01-10", 2),
    [serial("2024-01-11"), "yoga retreat", "In person", "Ilse", "CST-D", 1, ""],
  ]);
  await renderIn(["de-DE"], workbook);
  expect(
    await screen.findByText(
      'Die Aktivität "yoga retreat" steht nicht in der Liste des Programms: Wählen Sie eine Aktivität aus der Liste.',
    ),
  ).toBeInTheDocument();
  expect(screen.queryByText(/is not in the program's list/)).toBeNull();
  const form = within(await screen.findByRole("form", { name: "Aktivität hinzufügen" }));
  await userEvent.selectOptions(form.getByLabelText(/^Aktivität/) as HTMLSelectElement, "treatment");
  fill(form.getByLabelText(/^Menge/), "0");
  await userEvent.click(form.getByRole("button", { name: "Zum Protokoll hinzufügen" }));
  expect(await form.findByText(/^Die Menge 0 muss größer als 0 sein: Geben Sie die Anzahl der Stunden ein\.$/)).toBeInTheDocument();
  expect(cellsOf(workbook, LOG_SHEET)[2]?.[1]).toBe("yoga retreat");
});

test("a finding's rule link opens the help in the pane's language, at the rule's section", async () => {
  const virtual = treatment("2024-01-10", 2);
  virtual[2] = "Virtual";
  await renderIn(["de-DE"], await formWorkbook([virtual]));
  const list = await screen.findByRole("list", { name: "Befunde" });
  const links = within(list).getAllByRole("link");
  expect(links.map((link) => [link.textContent, link.getAttribute("href")])).toEqual([["Regel", "help.de.html#who-counts"]]);
});
