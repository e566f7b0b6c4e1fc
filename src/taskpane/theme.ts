/**
 * The pane's Fluent theme: Windows high contrast (`forced-colors: active`)
 * gets Fluent's high-contrast theme, whose colours are the system's; else
 * Office's theme decides (a dark Office theme gets Fluent's dark theme), and
 * outside Office the browser's `prefers-color-scheme`. The page's own
 * background follows, so no white shows around the pane in a dark Office.
 */
import { type Theme, teamsHighContrastTheme, webDarkTheme, webLightTheme } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import { officeThemeIsDark } from "../excel/officeTheme";

export type ThemeName = "light" | "dark" | "highContrast";

const THEMES: Record<ThemeName, Theme> = { light: webLightTheme, dark: webDarkTheme, highContrast: teamsHighContrastTheme };

function matches(query: string): boolean {
  return typeof window !== "undefined" && typeof window.matchMedia === "function" && window.matchMedia(query).matches;
}

export function currentThemeName(): ThemeName {
  if (matches("(forced-colors: active)")) return "highContrast";
  const dark = officeThemeIsDark() ?? matches("(prefers-color-scheme: dark)");
  return dark ? "dark" : "light";
}

/** The theme to render with, followed as the system's settings change. */
export function usePaneTheme(): { readonly name: ThemeName; readonly theme: Theme } {
  const [name, setName] = useState<ThemeName>(currentThemeName);
  useEffect(() => {
    if (typeof window.matchMedia !== "function") return;
    const queries = ["(forced-colors: active)", "(prefers-color-scheme: dark)"].map((query) => window.matchMedia(query));
    const update = () => setName(currentThemeName());
    queries.forEach((query) => query.addEventListener?.("change", update));
    // Office's theme has no change event in Excel: it is read again after the first paint (a host that
    // gives it late) and whenever the pane comes back into view.
    const frame = typeof requestAnimationFrame === "function" ? requestAnimationFrame(update) : null;
    document.addEventListener("visibilitychange", update);
    window.addEventListener("focus", update);
    return () => {
      if (frame !== null) cancelAnimationFrame(frame);
      queries.forEach((query) => query.removeEventListener?.("change", update));
      document.removeEventListener("visibilitychange", update);
      window.removeEventListener("focus", update);
    };
  }, []);
  useEffect(() => {
    const theme = THEMES[name];
    document.documentElement.style.colorScheme = name === "dark" ? "dark" : "light";
    document.body.style.backgroundColor = name === "highContrast" ? "Canvas" : theme.colorNeutralBackground1;
    document.body.style.color = name === "highContrast" ? "CanvasText" : theme.colorNeutralForeground1;
    document.documentElement.dataset.theme = name;
  }, [name]);
  return { name, theme: THEMES[name] };
}
