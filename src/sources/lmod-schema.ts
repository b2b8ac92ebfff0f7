import { z } from 'zod';

// Lmod's spider output (TACC/Lmod src/spider.in.lua). Optional keys are omitted by Lmod when a
// modulefile does not set them; unknown keys (help, parent, wV...) are allowed and dropped.

const text = z.string().nullable().optional();

/** One modulefile of a software page package. */
const pageVersion = z.object({
  full: z.string(),
  /** Only in output of Lmod before 8.0.3, which still listed hidden versions. */
  hidden: z.boolean().optional(),
});

/** `spider -o jsonSoftwarePage`: an array of packages. */
export const lmodSoftwarePage = z.array(
  z.object({
    package: z.string(),
    description: text,
    url: text,
    // An empty Lua table may come out as {} instead of []: a mapping's values are the versions
    // (read as a list, so that a bad entry is reported at its own path).
    versions: z.preprocess(
      (value) => (value !== null && typeof value === 'object' && !Array.isArray(value) ? Object.values(value) : value),
      z.array(pageVersion),
    ),
  }),
);

/** One modulefile in `spider -o spider-json` (Lmod's dbT). */
const dbModule = z.object({
  fullName: z.string(),
  hidden: z.boolean().optional(),
  Description: text,
  URL: text,
  whatis: z.array(z.string()).nullable().optional(),
  /** Weighted version: sorts like Lmod sorts versions (a marked default sorts last). */
  wV: z.string().optional(),
});

/** `spider -o spider-json`: short name -> modulefile path -> module. */
export const lmodSpiderDb = z.record(z.string(), z.record(z.string(), dbModule));

export type LmodSoftwarePage = z.infer<typeof lmodSoftwarePage>;
export type LmodSpiderDb = z.infer<typeof lmodSpiderDb>;
export type LmodDbModule = z.infer<typeof dbModule>;
