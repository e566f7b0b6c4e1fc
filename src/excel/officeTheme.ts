/**
 * Whether Office shows a dark theme, from `Office.context.officeTheme`
 * (https://learn.microsoft.com/javascript/api/office/office.officetheme):
 * `isDarkTheme` where the host gives it, otherwise the body background's
 * lightness (the property is newer than the colours). Null outside Office,
 * where the page follows the browser's `prefers-color-scheme` instead.
 */

interface ThemeColours {
  readonly isDarkTheme?: unknown;
  readonly bodyBackgroundColor?: unknown;
}

function officeTheme(): ThemeColours | null {
  try {
    const office = (globalThis as { Office?: { context?: { officeTheme?: ThemeColours } } }).Office;
    const theme = office?.context?.officeTheme;
    return typeof theme === "object" && theme !== null ? theme : null;
  } catch {
    // office.js outside Office may throw on reading the host's context.
    return null;
  }
}

/** Relative luminance of "#RRGGBB" (WCAG's formula); null when the text is not such a colour. */
function luminance(colour: unknown): number | null {
  const match = typeof colour === "string" ? /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(colour.trim()) : null;
  if (match === null) return null;
  const [r, g, b] = match.slice(1).map((hex) => {
    const channel = Number.parseInt(hex, 16) / 255;
    return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function officeThemeIsDark(): boolean | null {
  const theme = officeTheme();
  if (theme === null) return null;
  if (typeof theme.isDarkTheme === "boolean") return theme.isDarkTheme;
  const light = luminance(theme.bodyBackgroundColor);
  return light === null ? null : light < 0.2;
}
