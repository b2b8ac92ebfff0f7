// JSON.parse does not always say where it failed (V8: `Unexpected token '}', "..." is not valid
// JSON`). On the error path only, this small scanner finds the first offending character.

export interface JsonErrorLocation {
  offset: number;
  message: string;
}

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const LITERALS = ['true', 'false', 'null'];

function describeChar(text: string, i: number): string {
  if (i >= text.length) return 'end of input';
  return JSON.stringify(text[i]);
}

class StopScan {
  constructor(readonly location: JsonErrorLocation) {}
}

class Scanner {
  i = 0;
  constructor(readonly text: string) {}

  fail(message: string, at = this.i): never {
    throw new StopScan({ offset: at, message });
  }

  skipSpace(): void {
    while (this.i < this.text.length && ' \t\n\r'.includes(this.text[this.i]!)) this.i += 1;
  }

  string(): void {
    const start = this.i;
    this.i += 1;
    for (;;) {
      if (this.i >= this.text.length) this.fail('unterminated string', start);
      const c = this.text.charCodeAt(this.i);
      if (c === 0x22) break;
      if (c < 0x20) this.fail('control character in string (escape it)');
      if (c === 0x5c) {
        const next = this.text[this.i + 1];
        if (next === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(this.text.slice(this.i + 2, this.i + 6))) this.fail('invalid \\u escape');
          this.i += 6;
          continue;
        }
        if (next === undefined || !'"\\/bfnrt'.includes(next)) this.fail('invalid escape in string');
        this.i += 2;
        continue;
      }
      this.i += 1;
    }
    this.i += 1;
  }

  scalar(): void {
    const c = this.text[this.i];
    if (c === '"') return this.string();
    NUMBER.lastIndex = this.i;
    if (NUMBER.exec(this.text)) {
      this.i = NUMBER.lastIndex;
      return;
    }
    const word = LITERALS.find((w) => this.text.startsWith(w, this.i));
    if (word) {
      this.i += word.length;
      return;
    }
    this.fail(`unexpected ${describeChar(this.text, this.i)}, expected a value`);
  }

  /** Iterative (an explicit stack), so hostile nesting cannot overflow the call stack. */
  run(): void {
    const stack: string[] = [];
    let expect: 'value' | 'first-value' | 'key' | 'first-key' | 'after' = 'value';
    for (;;) {
      this.skipSpace();
      const c = this.text[this.i];
      if (expect === 'after') {
        const top = stack[stack.length - 1];
        if (top === undefined) {
          if (c !== undefined) this.fail(`unexpected ${describeChar(this.text, this.i)} after the end of the document`);
          return;
        }
        const close = top === '{' ? '}' : ']';
        if (c === ',') {
          this.i += 1;
          expect = top === '{' ? 'key' : 'value';
        } else if (c === close) {
          this.i += 1;
          stack.pop();
        } else {
          this.fail(`unexpected ${describeChar(this.text, this.i)}, expected ',' or '${close}'`);
        }
        continue;
      }
      if (expect === 'key' || expect === 'first-key') {
        if (c === '}' && expect === 'first-key') {
          this.i += 1;
          stack.pop();
          expect = 'after';
          continue;
        }
        if (c !== '"') this.fail(`unexpected ${describeChar(this.text, this.i)}, expected a property name in double quotes`);
        this.string();
        this.skipSpace();
        if (this.text[this.i] !== ':') this.fail(`unexpected ${describeChar(this.text, this.i)}, expected ':'`);
        this.i += 1;
        expect = 'value';
        continue;
      }
      if (c === ']' && expect === 'first-value') {
        this.i += 1;
        stack.pop();
        expect = 'after';
        continue;
      }
      if (c === '{' || c === '[') {
        stack.push(c);
        this.i += 1;
        expect = c === '{' ? 'first-key' : 'first-value';
        continue;
      }
      this.scalar();
      expect = 'after';
    }
  }
}

/** Where `text` stops being JSON, or null when it is valid. */
export function locateJsonError(text: string): JsonErrorLocation | null {
  try {
    new Scanner(text).run();
    return null;
  } catch (err) {
    if (err instanceof StopScan) return err.location;
    throw err;
  }
}

/** 1-based line and column (in UTF-16 code units) of an offset. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line += 1;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}
