/**
 * One XML part of a workbook as a stream of events, through saxes. Bytes go
 * in a chunk at a time and are parsed as they come, so no part is ever held
 * whole as text. A document type declaration (the only way to declare
 * entities, and so to build an entity-expansion bomb) is refused, and so are
 * text runs and nesting far beyond what any spreadsheet writes.
 *
 * Element names are given without their prefix: the Open XML SDK writes
 * `<x:c>` where Excel writes `<c>`, in the same namespace.
 *
 * No Node APIs: bytes in, so it runs in the browser too.
 */
import { SaxesParser } from "saxes";
import { type UnreadableMessageId, type UnreadableWords, UnreadableFileError } from "./errors";
import { LIMITS, sizeText, sizeWords } from "./limits";
import type { PartSink } from "./zip";

export type Attributes = Readonly<Record<string, string>>;

export interface XmlHandler {
  open(name: string, attributes: Attributes): void;
  close(name: string): void;
  text(text: string): void;
}

/** The element name without its namespace prefix. */
export function localName(name: string): string {
  const colon = name.indexOf(":");
  return colon < 0 ? name : name.slice(colon + 1);
}

/** An attribute by its local name, whatever its prefix (`r:id`, `ns1:id`); unprefixed names are looked up as given. */
export function prefixedAttribute(attributes: Attributes, local: string): string | undefined {
  for (const key in attributes) {
    const colon = key.indexOf(":");
    if (colon > 0 && key.slice(colon + 1) === local && !key.startsWith("xmlns")) return attributes[key];
  }
  return undefined;
}

/** Thrown by a handler that has read all it needs: the rest of the part is skipped. */
export class StopParsing extends Error {
  override readonly name = "StopParsing";
}

const DOCTYPE = "<!DOCTYPE";
const ROOT_START = /<[A-Za-z_:]/;
const PROLOG_LIMIT = 64 * 1024;

/** A sink that parses the part's bytes with `handler`. Stopping (StopParsing) ends the part quietly. */
export function xmlSink(partName: string, handler: XmlHandler): PartSink {
  const parser = new SaxesParser({ xmlns: false, position: false });
  let decoder: TextDecoder | null = null;
  let depth = 0;
  let run = 0;
  let prolog: string | null = "";
  let stopped = false;

  const refuse = (why: string, id: UnreadableMessageId, values: UnreadableWords["values"] = {}): never => {
    throw new UnreadableFileError(`its part ${partName} ${why}: it is not read`, id, { part: partName, ...values });
  };
  const doctype = () => refuse("declares a document type (XML entities), which spreadsheets never do", "unreadable.xml.doctype");
  parser.on("error", (error) => {
    const detail = error.message.split("\n")[0] ?? "";
    refuse(`is not well-formed XML (${detail})`, "unreadable.xml.notWellFormed", { detail });
  });
  parser.on("doctype", doctype);
  parser.on("opentag", (tag) => {
    if (++depth > LIMITS.maxXmlDepth)
      refuse(`nests elements deeper than ${LIMITS.maxXmlDepth}`, "unreadable.xml.tooDeep", { depth: LIMITS.maxXmlDepth });
    handler.open(localName(tag.name), tag.attributes as Attributes);
  });
  parser.on("closetag", (tag) => {
    depth--;
    handler.close(localName(tag.name));
  });
  parser.on("text", (text) => handler.text(text));
  parser.on("cdata", (text) => handler.text(text));

  const feed = (text: string): void => {
    if (prolog !== null) {
      // Entities can only be declared before the root element: look there for a DOCTYPE before saxes gathers it.
      prolog += text;
      const root = prolog.search(ROOT_START);
      const before = root === -1 ? prolog : prolog.slice(0, root);
      if (before.includes(DOCTYPE)) doctype();
      if (root !== -1) prolog = null;
      else if (prolog.length > PROLOG_LIMIT)
        refuse(`has more than ${sizeText(PROLOG_LIMIT)} before its first element`, "unreadable.xml.longProlog", {
          size: sizeWords(PROLOG_LIMIT),
        });
    }
    const lastTag = text.lastIndexOf("<");
    run = lastTag === -1 ? run + text.length : text.length - lastTag - 1;
    if (run > LIMITS.maxXmlTextRun)
      refuse(`holds a run of more than ${sizeText(LIMITS.maxXmlTextRun)} of text, more than any cell can`, "unreadable.xml.longText", {
        size: sizeWords(LIMITS.maxXmlTextRun),
      });
    parser.write(text);
  };

  const guarded = (work: () => void): void => {
    if (stopped) return;
    try {
      work();
    } catch (error) {
      if (error instanceof StopParsing) stopped = true;
      else throw error;
    }
  };

  return {
    get done() {
      return stopped;
    },
    write(chunk: Uint8Array) {
      guarded(() => {
        if (decoder === null) {
          const utf16 = chunk[0] === 0xff && chunk[1] === 0xfe ? "utf-16le" : chunk[0] === 0xfe && chunk[1] === 0xff ? "utf-16be" : null;
          decoder = new TextDecoder(utf16 ?? "utf-8");
        }
        feed(decoder.decode(chunk, { stream: true }));
      });
    },
    end() {
      guarded(() => {
        if (decoder !== null) feed(decoder.decode());
        parser.close();
      });
    },
  };
}

/**
 * The text as a string of its own. saxes hands out text as slices of the
 * chunk it parsed, and a slice keeps its whole chunk alive: a kept cell
 * text would keep the worksheet's XML around it. Short strings are always
 * copies already (V8 slices only strings of 13 characters or more).
 */
export function detached(text: string): string {
  return text.length < 13 ? text : ` ${text}`.slice(1);
}
