/**
 * What every page of the add-in and the web tracker sets before anything else runs (imported first by each
 * entry: the pane, the preview, the web tracker, the functions and the ribbon's commands). Their
 * Content-Security-Policy forbids eval, and zod's compiled parsers would probe for it: zod parses without
 * compiling. The command line (Node, no such policy) and the pure core set nothing.
 */
import { z } from "zod";

z.config({ jitless: true });
