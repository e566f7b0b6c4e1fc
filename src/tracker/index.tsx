/**
 * The web tracker's start: a blank tracking form, the page, and (in a
 * production build) the service worker that keeps the page working offline.
 */
import "../excel/pageSecurity";
import { createRoot } from "react-dom/client";
import { newDocument } from "./document";
import { browserFileAccess } from "./fileAccess";
import { registerOfflineCache } from "./offline";
import { TrackerPage } from "./TrackerPage";
import { loadLanguage, requestedLanguages } from "../taskpane/i18n";

// The bundles run: the page's note for browsers that cannot run them is not needed.
document.getElementById("cst-cannot-start")?.remove();

async function start(): Promise<void> {
  const container = document.getElementById("root");
  if (container === null) throw new Error("The page has no #root element for the tracker.");
  const [initial, language] = await Promise.all([newDocument(), loadLanguage(requestedLanguages())]);
  createRoot(container).render(<TrackerPage initial={initial} files={browserFileAccess()} language={language} />);
}

void start();
if (process.env.NODE_ENV === "production") registerOfflineCache();
