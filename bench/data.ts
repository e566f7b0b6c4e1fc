/** Generated mentorship logs for the benchmarks: what Excel hands a custom function (serial dates, text, numbers). */
import { ACTIVITIES, isoDateToExcelSerial } from "../src/core";

const PROVIDERS = ["Dana Whitfield", "Marco Ibáñez", "Priya Raman", "Tomasz Nowak", "Grace Okafor", "Lena Ortiz"];

/** A deterministic pseudo-random sequence, so every run measures the same log. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

export type Grid = (string | number | boolean)[][];

export function generateLog(rows: number, seed = 42): Grid {
  const next = random(seed);
  const first = isoDateToExcelSerial("2014-05-01", "1900");
  const last = isoDateToExcelSerial("2024-12-31", "1900");
  const grid: Grid = [["Date", "Activity", "Format", "Provider", "Credential", "Quantity", "Notes"]];
  for (let i = 0; i < rows; i++) {
    const activity = ACTIVITIES[Math.floor(next() * ACTIVITIES.length)]!;
    const format = activity.category === "A" ? "In person" : next() < 0.5 ? "Virtual" : "In person";
    const provider = activity.needsProvider || next() < 0.3 ? PROVIDERS[Math.floor(next() * PROVIDERS.length)]! : "";
    const credential = activity.category === "A" ? (next() < 0.5 ? "CST-T" : "CST-D") : activity.category === "C" ? "Mentor" : "";
    const quantity = activity.unit === "hours" ? Math.round((0.5 + next() * 3) * 4) / 4 : 1 + Math.floor(next() * 3);
    const date = first + Math.floor(next() * (last - first));
    grid.push([
      date,
      next() < 0.5 ? activity.label : activity.code,
      format,
      provider,
      credential,
      quantity,
      i % 10 === 0 ? "Follow-up on cranial base work" : "",
    ]);
  }
  return grid;
}

export function toCsv(grid: Grid, isoDate: (serial: number) => string): string {
  const quote = (value: string | number | boolean) => {
    const text = String(value);
    return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return (
    grid
      .map((row, index) => row.map((cell, column) => (index > 0 && column === 0 ? isoDate(Number(cell)) : quote(cell))).join(","))
      .join("\n") + "\n"
  );
}
