import { Writable } from 'node:stream';

const CLEAR = '\r\x1b[2K';

/** A stream that looks like a terminal of `columns` width and remembers what was written. */
export function fakeStream(options: { isTTY: boolean; columns?: number }) {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk.toString());
      callback();
    },
  }) as Writable & { isTTY?: boolean; columns?: number };
  stream.isTTY = options.isTTY;
  stream.columns = options.columns ?? 80;
  const output = () => chunks.join('');
  // What a terminal shows after CR + erase-line redraws: the text after the last clear.
  const visibleLine = () => output().split(CLEAR).at(-1) ?? '';
  return { stream, chunks, output, visibleLine };
}
