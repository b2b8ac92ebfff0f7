import { shortenValue } from './shorten-value.js';
import type { FieldChange, PackageDrift, SkippedPackage, SourcePlan } from './types.js';

const MAX_VALUE_CHARS = 60;
const MAX_LISTED_NAMES = 10;
const MAX_DRIFT_PACKAGES = 10;
const MAX_DRIFT_ITEMS = 5;

/** Long descriptions would drown the plan: show the start, quoted so whitespace is visible. */
function showValue(value: string | null): string {
  return value === null ? 'null' : JSON.stringify(shortenValue(value, MAX_VALUE_CHARS));
}

function showChange(change: FieldChange): string {
  return `      ${change.field}: ${showValue(change.old)} -> ${showValue(change.new)}`;
}

// A name from Waldur or upstream may hold control characters (an escape sequence would drive the
// terminal): such names are shown JSON-quoted.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

function showName(name: string): string {
  return CONTROL.test(name) ? JSON.stringify(name) : name;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function listNames(names: string[], max = MAX_LISTED_NAMES): string {
  const shown = names.slice(0, max).map(showName).join(', ');
  return names.length > max ? `${shown} and ${names.length - max} more` : shown;
}

/** Drift is read-only (the API cannot write versions): one summary line. */
export function describeDrift(view: SourcePlan): string {
  const d = view.plan.versionDrift;
  if (d.missingVersions + d.extraVersions + d.missingTargets + d.extraTargets === 0) {
    return 'Version drift: none';
  }
  return (
    `Version drift (read-only, ${plural(d.packages.length, 'package')}): ` +
    `${plural(d.missingVersions, 'version')} and ${plural(d.missingTargets, 'target')} upstream missing in Waldur; ` +
    `${plural(d.extraVersions, 'version')} and ${plural(d.extraTargets, 'target')} in Waldur not upstream`
  );
}

/** "GROMACS: missing version 2024.4-foss-2023b; extra target 2023.3@x86_64/amd/zen3": versions by Waldur's key. */
function describePackageDrift(drift: PackageDrift): string {
  const parts: string[] = [];
  const add = (items: string[], what: string): void => {
    if (items.length > 0) parts.push(`${what}${items.length === 1 ? '' : 's'} ${listNames(items, MAX_DRIFT_ITEMS)}`);
  };
  add(drift.missingVersions, 'missing version');
  add(drift.extraVersions, 'extra version');
  add(drift.missingTargets, 'missing target');
  add(drift.extraTargets, 'extra target');
  return `    ${showName(drift.name)}: ${parts.join('; ')}`;
}

/**
 * Drift of packages Waldur already has, one line each (a package still to be created would only
 * list every version as missing). At most 10 packages; `plan --json` lists all.
 */
function driftDetails(view: SourcePlan): string[] {
  const created = new Set(view.plan.create.map((op) => op.name));
  const existing = view.plan.versionDrift.packages.filter((d) => !created.has(d.name));
  const lines = existing.slice(0, MAX_DRIFT_PACKAGES).map(describePackageDrift);
  if (existing.length > MAX_DRIFT_PACKAGES) {
    lines.push(`    and ${plural(existing.length - MAX_DRIFT_PACKAGES, 'more package')} (plan --json lists every one)`);
  }
  return lines;
}

/** A skipped name may hold control characters: always shown escaped and quoted. */
function describeSkipped(skipped: SkippedPackage): string {
  const name = JSON.stringify(skipped.name.length > MAX_VALUE_CHARS ? `${skipped.name.slice(0, MAX_VALUE_CHARS - 3)}...` : skipped.name);
  const kept = skipped.kept.length === 0 ? '' : `; ${plural(skipped.kept.length, 'package')} with this name in Waldur ${skipped.kept.length === 1 ? 'is' : 'are'} kept`;
  return `  ? ${name} skipped upstream (${skipped.reason})${kept}`;
}

/**
 * A Terraform-like plan of one source: `+` create, `~` update with `field: old -> new`, `-`
 * delete, `!` refused delete, `?` a package upstream skipped (never deleted), then the summary
 * and drift lines.
 */
export function renderPlanText(view: SourcePlan): string {
  const { plan, catalog } = view;
  const catalogLabel = `"${catalog.name}" ${catalog.version} (${catalog.type})`;
  const lines: string[] = [`Source ${view.source}: catalog ${catalogLabel}`];
  if (catalog.willCreate) lines.push(`  + catalog ${catalogLabel} (will be created)`);
  for (const op of plan.create) lines.push(`  + ${showName(op.name)}`);
  for (const op of plan.update) {
    lines.push(`  ~ ${showName(op.name)}`);
    for (const change of op.changes) lines.push(showChange(change));
  }
  for (const op of plan.delete) {
    lines.push(op.duplicateOf ? `  - ${showName(op.name)} (duplicate of ${op.duplicateOf})` : `  - ${showName(op.name)}`);
  }
  for (const refused of plan.refusedDelete) lines.push(`  ! ${showName(refused.name)} (${refused.reason})`);
  const notPruned = plan.notPruned ?? [];
  if (notPruned.length > 0) {
    lines.push(
      `  ${plural(notPruned.length, 'package')} in Waldur but not upstream ${notPruned.length === 1 ? 'stays' : 'stay'} (prune is disabled): ${listNames(notPruned)}`,
    );
  }
  const skipped = plan.skipped ?? [];
  for (const item of skipped.slice(0, MAX_LISTED_NAMES)) lines.push(describeSkipped(item));
  if (skipped.length > MAX_LISTED_NAMES) {
    lines.push(`  and ${plural(skipped.length - MAX_LISTED_NAMES, 'more skipped package')} (plan --json lists every one)`);
  }
  const newCatalog = catalog.willCreate ? ', new catalog' : '';
  lines.push(
    `Plan for ${view.source} (${catalog.name} ${catalog.version}${newCatalog}): ` +
      `${plan.create.length} to create, ${plan.update.length} to update, ${plan.delete.length} to delete, ` +
      `${plan.refusedDelete.length} refused, ${plan.unchanged} unchanged`,
  );
  lines.push(describeDrift(view), ...driftDetails(view));
  return `${lines.join('\n')}\n`;
}
