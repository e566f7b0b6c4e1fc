/** @jest-environment jsdom */
/**
 * The pane follows Office's theme (Office.context.officeTheme: a dark theme
 * gets Fluent's dark theme) and Windows high contrast (forced-colors), and
 * outside Office the browser's colour scheme.
 */
import { screen } from "@testing-library/react";
import { webDarkTheme } from "@fluentui/react-components";
import { currentThemeName } from "../../src/taskpane/theme";
import { formWorkbook, renderApp, treatment } from "./helpers";

const globals = globalThis as { Office?: unknown };

function mediaMatching(active: string[]): void {
  window.matchMedia = ((query: string) => ({
    matches: active.includes(query),
    media: query,
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
  })) as unknown as typeof window.matchMedia;
}

afterEach(() => {
  delete globals.Office;
  mediaMatching([]);
});

test("a dark Office theme: Fluent's dark theme, and the page behind the pane dark too", async () => {
  mediaMatching([]);
  globals.Office = { context: { officeTheme: { isDarkTheme: true, bodyBackgroundColor: "#262626" } } };
  renderApp(await formWorkbook([treatment("2024-01-10", 2)]));
  await screen.findByText("Category A · treatment received: 2 of 6 h");
  expect(document.documentElement.dataset.theme).toBe("dark");
  expect(document.body.style.backgroundColor).not.toBe("");
  expect(document.body.style.backgroundColor).toBe(hexToRgb(webDarkTheme.colorNeutralBackground1));
});

test("the theme is told from the body colour where isDarkTheme is missing", () => {
  mediaMatching([]);
  globals.Office = { context: { officeTheme: { bodyBackgroundColor: "#1f1f1f" } } };
  expect(currentThemeName()).toBe("dark");
  globals.Office = { context: { officeTheme: { bodyBackgroundColor: "#ffffff" } } };
  expect(currentThemeName()).toBe("light");
});

test("Windows high contrast wins over Office's theme; outside Office the browser's scheme decides", () => {
  globals.Office = { context: { officeTheme: { isDarkTheme: false } } };
  mediaMatching(["(forced-colors: active)"]);
  expect(currentThemeName()).toBe("highContrast");
  delete globals.Office;
  mediaMatching(["(prefers-color-scheme: dark)"]);
  expect(currentThemeName()).toBe("dark");
  mediaMatching([]);
  expect(currentThemeName()).toBe("light");
});

function hexToRgb(hex: string): string {
  const [r, g, b] = [1, 3, 5].map((at) => Number.parseInt(hex.slice(at, at + 2), 16));
  return `rgb(${r}, ${g}, ${b})`;
}
