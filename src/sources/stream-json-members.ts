// Reads a JSON document whose top level is an object without ever holding its whole text: each
// member's value is parsed on its own (JSON.parse of its bytes), and the elements of one array
// member are parsed and handed over one by one as the bytes arrive. A 200 MB manifest then costs
// the memory of one package at a time instead of its text plus its whole parse tree.
//
// It recognizes strictly valid JSON only: every byte is either whitespace or punctuation that
// the scanner checks itself, or part of a value that JSON.parse checks (strings, numbers,
// nesting, escapes), and each value's bytes must be UTF-8. Anything else (a syntax error, a
// repeated key, a top level that is not an object) makes it return null, and the caller parses
// the text whole: that parse says what is wrong and where, exactly as it always has.
import { isUtf8 } from 'node:buffer';

export interface StreamedObject {
  /** Every member, parsed; the array member whose elements were streamed is held as []. */
  members: Map<string, unknown>;
  /** The array member was present and its elements were all handed over. */
  streamed: boolean;
}

/** Return false to stop: the element is not what the caller accepts, and the document is not read further. */
export type OnElement = (value: unknown, index: number) => boolean;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;

// What a byte means outside strings, while a value is being skipped over.
const PLAIN = 0;
const STRING = 1;
const OPEN = 2;
const CLOSE = 3;
const BYTE_CLASS = new Uint8Array(256);
BYTE_CLASS[QUOTE] = STRING;
BYTE_CLASS[OPEN_OBJECT] = OPEN;
BYTE_CLASS[OPEN_ARRAY] = OPEN;
BYTE_CLASS[CLOSE_OBJECT] = CLOSE;
BYTE_CLASS[CLOSE_ARRAY] = CLOSE;

const isSpace = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
// Where a bare number or literal ends.
const endsScalar = (c: number): boolean => isSpace(c) || c === COMMA || c === CLOSE_OBJECT || c === CLOSE_ARRAY;

const enum State {
  Document,
  FirstKey,
  Key,
  Colon,
  MemberValue,
  AfterMember,
  FirstElement,
  Element,
  AfterElement,
  End,
}

/**
 * Whether the quote at `at` is escaped: preceded by an odd number of backslashes. The run never
 * reaches past the string's opening quote, which is still in the buffer.
 */
function isEscaped(b: Buffer, at: number): boolean {
  let i = at - 1;
  while (b[i] === BACKSLASH) i -= 1;
  return (at - 1 - i) % 2 === 1;
}

const enum Scan {
  Incomplete,
  Complete,
}

const EMPTY = Buffer.alloc(0);

class MemberScanner {
  /** Bytes not yet consumed are buf[head..end); scanning is at pos. */
  private buf: Buffer = EMPTY;
  private head = 0;
  private pos = 0;
  private end = 0;
  private atStart = true;
  private state = State.Document;
  // The value being skipped over: where it started, how deep, and whether inside a string or a bare scalar.
  private valueStart = -1;
  private depth = 0;
  private inString = false;
  private inScalar = false;
  private key = '';
  private elements = 0;
  readonly members = new Map<string, unknown>();
  streamed = false;
  failed = false;

  constructor(
    private readonly listKey: string,
    private readonly onElement: OnElement,
  ) {}

  /** Appends bytes, keeping the unconsumed ones; offsets stay relative to the new buffer. */
  push(chunk: Uint8Array): void {
    const kept = this.end - this.head;
    const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (kept === 0) {
      // Nothing carried over: scan the chunk where it is (a downloaded body is never copied).
      this.pos -= this.end;
      this.buf = bytes;
      this.head = 0;
      this.end = bytes.length;
    } else {
      const joined = Buffer.allocUnsafe(kept + bytes.length);
      this.buf.copy(joined, 0, this.head, this.end);
      bytes.copy(joined, kept);
      this.pos -= this.head;
      if (this.valueStart >= 0) this.valueStart -= this.head;
      this.buf = joined;
      this.head = 0;
      this.end = joined.length;
    }
    this.run();
  }

  /** The document ended: true when it was complete. */
  finish(): boolean {
    return !this.failed && this.state === State.End;
  }

  private fail(): void {
    this.failed = true;
  }

  /** Skips whitespace; false when the buffer ran out. */
  private skipSpace(): boolean {
    const b = this.buf;
    let p = this.pos;
    while (p < this.end && isSpace(b[p]!)) p += 1;
    this.pos = p;
    this.head = p;
    return p < this.end;
  }

  private startValue(): void {
    this.valueStart = this.pos;
    this.depth = 0;
    this.inString = false;
    this.inScalar = false;
  }

  /**
   * Skips over the value that starts at valueStart, as far as the bytes go. Only nesting and
   * strings are tracked; what lies between is checked by JSON.parse once the value is complete.
   */
  private scanValue(): Scan {
    const b = this.buf;
    const end = this.end;
    let p = this.pos;
    let depth = this.depth;
    let inString = this.inString;
    if (p === this.valueStart) {
      const first = b[p]!;
      if (first === OPEN_OBJECT || first === OPEN_ARRAY) {
        depth = 1;
        p += 1;
      } else if (first === QUOTE) {
        inString = true;
        p += 1;
      } else {
        this.inScalar = true;
      }
    }
    if (this.inScalar) {
      while (p < end && !endsScalar(b[p]!)) p += 1;
      this.pos = p;
      return p < end ? Scan.Complete : Scan.Incomplete;
    }
    while (p < end) {
      if (inString) {
        // The hot loop: most of a document's bytes are inside strings. The next quote is found
        // natively; it ends the string unless an odd run of backslashes escapes it.
        let quote = b.indexOf(QUOTE, p);
        while (quote !== -1 && isEscaped(b, quote)) quote = b.indexOf(QUOTE, quote + 1);
        if (quote === -1 || quote >= end) {
          p = end;
          break;
        }
        p = quote + 1;
        inString = false;
        if (depth === 0) {
          this.pos = p;
          return Scan.Complete;
        }
        continue;
      }
      const kind = BYTE_CLASS[b[p]!]!;
      p += 1;
      if (kind === PLAIN) continue;
      if (kind === STRING) inString = true;
      else if (kind === OPEN) depth += 1;
      else if (--depth === 0) {
        this.pos = p;
        return Scan.Complete;
      }
    }
    this.pos = p;
    this.depth = depth;
    this.inString = inString;
    return Scan.Incomplete;
  }

  /** The completed value's bytes, parsed; undefined (and failed) when they are not valid JSON in UTF-8. */
  private parseValue(): unknown {
    const bytes = this.buf.subarray(this.valueStart, this.pos);
    this.valueStart = -1;
    this.head = this.pos;
    if (!isUtf8(bytes)) {
      this.fail();
      return undefined;
    }
    try {
      return JSON.parse(bytes.toString('utf8'));
    } catch {
      this.fail();
      return undefined;
    }
  }

  /** Reads structural bytes and values until the bytes run out or the document fails. */
  private run(): void {
    if (this.atStart) {
      // A UTF-8 byte order mark, which text decoding would have dropped (only as the very first bytes).
      const b = this.buf;
      if (this.end - this.pos < 3) {
        if (b[this.pos] === 0xef) return;
      } else if (b[this.pos] === 0xef && b[this.pos + 1] === 0xbb && b[this.pos + 2] === 0xbf) {
        this.pos += 3;
        this.head = this.pos;
      }
      this.atStart = false;
    }
    while (!this.failed) {
      if (this.valueStart >= 0) {
        if (this.scanValue() === Scan.Incomplete) return;
        const value = this.parseValue();
        if (this.failed) return;
        this.completeValue(value);
        continue;
      }
      if (!this.skipSpace()) return;
      const c = this.buf[this.pos]!;
      switch (this.state) {
        case State.Document:
          if (c !== OPEN_OBJECT) return this.fail();
          this.consume(State.FirstKey);
          break;
        case State.FirstKey:
          if (c === CLOSE_OBJECT) this.consume(State.End);
          else if (c === QUOTE) this.startValue();
          else return this.fail();
          break;
        case State.Key:
          if (c !== QUOTE) return this.fail();
          this.startValue();
          break;
        case State.Colon:
          if (c !== COLON) return this.fail();
          this.consume(State.MemberValue);
          break;
        case State.MemberValue:
          if (c === OPEN_ARRAY && this.key === this.listKey) {
            this.members.set(this.key, []);
            this.consume(State.FirstElement);
          } else {
            this.startValue();
          }
          break;
        case State.AfterMember:
          if (c === COMMA) this.consume(State.Key);
          else if (c === CLOSE_OBJECT) this.consume(State.End);
          else return this.fail();
          break;
        case State.FirstElement:
          if (c === CLOSE_ARRAY) this.endList();
          else this.startValue();
          break;
        case State.Element:
          this.startValue();
          break;
        case State.AfterElement:
          if (c === COMMA) this.consume(State.Element);
          else if (c === CLOSE_ARRAY) this.endList();
          else return this.fail();
          break;
        case State.End:
          return this.fail();
      }
    }
  }

  private consume(next: State): void {
    this.pos += 1;
    this.head = this.pos;
    this.state = next;
  }

  private endList(): void {
    this.streamed = true;
    this.consume(State.AfterMember);
  }

  private completeValue(value: unknown): void {
    switch (this.state) {
      case State.FirstKey:
      case State.Key:
        // Which of two equal keys counts is a detail of the parser: leave such a file to it.
        if (typeof value !== 'string' || this.members.has(value)) return this.fail();
        this.key = value;
        this.state = State.Colon;
        return;
      case State.MemberValue:
        this.members.set(this.key, value);
        this.state = State.AfterMember;
        return;
      case State.FirstElement:
      case State.Element:
        if (!this.onElement(value, this.elements)) return this.fail();
        this.elements += 1;
        this.state = State.AfterElement;
        return;
      default:
        return this.fail();
    }
  }
}

/**
 * Streams a JSON object document: every member parsed, the elements of the array member
 * `listKey` handed to onElement as they arrive (not kept). Null when the bytes are not a valid
 * JSON object in UTF-8, have a repeated key, or onElement refused an element; the input is then
 * not read further.
 */
export async function streamJsonMembers(chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, listKey: string, onElement: OnElement): Promise<StreamedObject | null> {
  const scanner = new MemberScanner(listKey, onElement);
  for await (const chunk of chunks) {
    scanner.push(chunk);
    if (scanner.failed) return null;
  }
  return scanner.finish() ? { members: scanner.members, streamed: scanner.streamed } : null;
}
