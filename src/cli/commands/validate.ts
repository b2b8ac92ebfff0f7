import type { SourceConfig } from '../../config/types.js';
import { describeError } from '../../errors.js';
import type { SourceWarning } from '../../model.js';
import { countCatalog } from '../../sources/count-catalog.js';
import { describeLocation } from '../../sources/describe-location.js';
import { readSource } from '../../sources/read-source.js';
import type { EnrichReport, FileReport, SourceCatalog } from '../../sources/types.js';
import { renderJsonOutput } from '../../render-json-output.js';
import { createRunId } from '../../sync/create-run-id.js';
import type { RegisterCommand } from '../context.js';
import { addConfigOptions, loadCliConfig, type CliOptions } from '../load-cli-config.js';

interface ValidateOptions extends CliOptions {
  json?: boolean;
}

/** One source's outcome: the `--json` shape (snake_case, like the other commands' JSON). */
type SourceResult =
  | {
      source: string;
      kind: string;
      location: string;
      ok: true;
      packages: number;
      versions: number;
      targets: number;
      warnings: SourceWarning[];
      item_errors: SourceWarning[];
      /** Every file read, with what it contributed before the files were united. */
      files: Array<{ location: string; role: FileReport['role']; packages: number; versions: number; warnings: SourceWarning[] }>;
      enrich: Array<{ kind: string; location: string; files: number; packages: number; descriptions_filled: number; homepages_filled: number }>;
    }
  | { source: string; kind: string; location: string; ok: false; error: string };

/** Warnings and skipped items shown per source in text mode; --json lists all. */
const TEXT_LIMIT = 20;

function summarize(source: SourceConfig, catalog: SourceCatalog): SourceResult {
  return {
    source: source.name,
    kind: source.kind,
    location: describeLocation(source.location),
    ok: true,
    ...countCatalog(catalog),
    warnings: catalog.warnings,
    item_errors: catalog.itemErrors,
    files: catalog.files.map(({ location, role, packages, versions, warnings }) => ({ location, role, packages, versions, warnings })),
    enrich: catalog.enrichment.map((e: EnrichReport) => ({
      kind: e.kind,
      location: e.location,
      files: e.files,
      packages: e.packages,
      descriptions_filled: e.descriptions,
      homepages_filled: e.homepages,
    })),
  };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function listLines(label: string, items: SourceWarning[], indent = '  '): string[] {
  const lines = items.slice(0, TEXT_LIMIT).map((w) => `${indent}${label}: ${w.item ? `${w.item}: ` : ''}${w.message}`);
  if (items.length > TEXT_LIMIT) lines.push(`${indent}... and ${items.length - TEXT_LIMIT} more (--json lists all)`);
  return lines;
}

/**
 * A source read from one file is described by its totals; with several files (or companions),
 * each gets a line with what it contributed, and its own warnings under it.
 */
function detailLines(result: Extract<SourceResult, { ok: true }>): { lines: string[]; shownWarnings: Set<SourceWarning> } {
  const shownWarnings = new Set<SourceWarning>();
  if (result.files.length < 2 && result.enrich.length === 0) return { lines: [], shownWarnings };
  const lines: string[] = [];
  for (const file of result.files) {
    const counts = [plural(file.packages, 'package'), plural(file.versions, 'version')];
    if (file.warnings.length > 0) counts.push(plural(file.warnings.length, 'warning'));
    lines.push(`  ${file.role} ${file.location}: ${counts.join(', ')}`, ...listLines('warning', file.warnings, '    '));
    for (const warning of file.warnings) shownWarnings.add(warning);
  }
  for (const companion of result.enrich) {
    lines.push(
      `  enrich (${companion.kind}) ${companion.location}: ${plural(companion.packages, 'package')}; filled ` +
        `${plural(companion.descriptions_filled, 'description')} and ${plural(companion.homepages_filled, 'homepage')}`,
    );
  }
  return { lines, shownWarnings };
}

function renderText(result: SourceResult): string {
  const lines = [`${result.source} (${result.kind}) ${result.location}`];
  if (!result.ok) {
    lines.push(`  FAILED: ${result.error}`);
  } else {
    const counts = [plural(result.packages, 'package'), plural(result.versions, 'version'), plural(result.targets, 'target')];
    if (result.warnings.length > 0) counts.push(plural(result.warnings.length, 'warning'));
    if (result.item_errors.length > 0) counts.push(plural(result.item_errors.length, 'skipped item'));
    const details = detailLines(result);
    const sourceWarnings = result.warnings.filter((w) => !details.shownWarnings.has(w));
    lines.push(`  ok: ${counts.join(', ')}`, ...details.lines, ...listLines('warning', sourceWarnings), ...listLines('skipped', result.item_errors));
  }
  return `${lines.join('\n')}\n`;
}

export const registerValidateCommand: RegisterCommand = (program, ctx) => {
  addConfigOptions(
    program
      .command('validate')
      .description('Read each source and show what it yields (packages, versions, targets, warnings), without contacting Waldur')
      .addHelpText('after', '\nExit codes: 0 = every source could be read, 1 = a source (or the config) failed.'),
  )
    .option('--json', 'print {"format_version": 1, "config_warnings": [...], "sources": [...]} instead of text')
    .action(async (options: ValidateOptions) => {
      const setup = await loadCliConfig(ctx, options, { needsToken: false });
      const results: SourceResult[] = [];
      if (!options.json) for (const warning of setup.config.warnings) ctx.stdout.write(`config warning: ${warning}\n`);
      // Sources are independent: one that fails is reported and the others are still read.
      for (const source of setup.sources) {
        const logger = setup.logger.child({ source: source.name, run: createRunId(source.name) });
        let result: SourceResult;
        try {
          result = summarize(source, await readSource(source, { logger }));
        } catch (err) {
          const error = describeError(err);
          logger.error({ error }, 'source could not be read');
          result = { source: source.name, kind: source.kind, location: describeLocation(source.location), ok: false, error };
        }
        results.push(result);
        if (!options.json) ctx.stdout.write(renderText(result));
      }
      const failed = results.filter((r) => !r.ok).length;
      if (options.json) {
        ctx.stdout.write(renderJsonOutput({ config_warnings: setup.config.warnings, sources: results }));
      } else {
        ctx.stdout.write(`\n${results.length - failed} of ${plural(results.length, 'source')} read${failed > 0 ? `, ${failed} failed` : ''}\n`);
      }
      if (failed > 0) ctx.exitCode = 1;
    });
};
