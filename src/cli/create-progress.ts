// Progress of long `plan` and `sync` runs on a terminal: one status line, redrawn in place.
//
// Intended use (plan/sync commands), on stderr so stdout stays the plan or report:
//
//   const progress = createProgress(ctx.stderr, { enabled: !options.json });
//   progress.phase(`${source.name}: reading upstream`);
//   progress.phase(`${source.name}: listing Waldur`);   // client onPage: ({ received, total }) =>
//                                                       //   progress.update(received, total)
//   progress.phase(`${source.name}: applying`);         // runSync onProgress: (done, total) =>
//                                                       //   progress.update(done, total)
//   progress.done();                                    // before printing the plan or report
//
// It writes nothing at all when disabled (`--json`) or when the stream is not a TTY (pipes, CI,
// log files), so machine-readable output is never interleaved with escape codes.

export interface Progress {
  /** Starts a new phase: its text is shown at once, replacing the previous line. */
  phase(text: string): void;
  /** Counts within the phase; total null/undefined when unknown. Redraws are rate-limited. */
  update(done: number, total?: number | null): void;
  /** Clears the line; call before writing anything else to the terminal. Safe to call twice. */
  done(): void;
}

export interface ProgressOptions {
  /** False for `--json` or when the caller wants silence; a non-TTY stream is always silent. */
  enabled: boolean;
  /** Minimum time between redraws of `update` (default 100 ms): applying 10,000 ops must not print 10,000 lines' worth. */
  intervalMs?: number;
  /** Clock for tests. */
  now?: () => number;
}

type ProgressStream = NodeJS.WritableStream & { isTTY?: boolean; columns?: number };

// Carriage return, then "erase entire line" (CSI 2 K).
export const CLEAR_LINE = '\r\x1b[2K';

export function createProgress(stream: ProgressStream, options: ProgressOptions): Progress {
  const silent: Progress = { phase: () => undefined, update: () => undefined, done: () => undefined };
  if (!options.enabled || stream.isTTY !== true) return silent;

  const intervalMs = options.intervalMs ?? 100;
  const now = options.now ?? Date.now;
  let phaseText = '';
  let shown: string | null = null;
  let lastDrawAt = Number.NEGATIVE_INFINITY;

  const draw = (text: string): void => {
    // A line longer than the terminal wraps, and `\r` would then redraw only its last row.
    const width = Math.max(10, (stream.columns ?? 80) - 1);
    const flat = text.replace(/[\r\n\t]+/g, ' ');
    const line = flat.length > width ? `${flat.slice(0, width - 1)}…` : flat;
    lastDrawAt = now();
    if (line === shown) return;
    shown = line;
    stream.write(CLEAR_LINE + line);
  };

  return {
    phase(text) {
      phaseText = text;
      draw(text);
    },
    update(done, total) {
      const finished = total !== null && total !== undefined && done >= total;
      if (!finished && now() - lastDrawAt < intervalMs) return;
      if (total === null || total === undefined) {
        draw(`${phaseText} ${done}`);
        return;
      }
      const percent = total > 0 ? Math.floor((Math.min(done, total) / total) * 100) : 100;
      draw(`${phaseText} ${done}/${total} (${percent}%)`);
    },
    done() {
      if (shown === null) return;
      shown = null;
      stream.write(CLEAR_LINE);
    },
  };
}
