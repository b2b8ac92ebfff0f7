import type { FieldChange, SourcePlan } from './types.js';

const MAX_VALUE_CHARS = 60;
const MAX_LISTED_NAMES = 10;

/** Long descriptions would drown the plan: show the start, quoted so whitespace is visible. */
function showValue(value: string | null): string {
  if (value === null) return 'null';
  const cut = value.length > MAX_VALUE_CHARS ? `${value.slice(0, MAX_VALUE_CHARS - 3)}...` : value;
  return JSON.stringify(cut);
}

function showChange(change: FieldChange): string {
  return `      ${change.field}: ${showValue(change.old)} -> ${showValue(change.new)}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function listNames(names: string[]): string {
  const shown = names.slice(0, MAX_LISTED_NAMES).join(', ');
  return names.length > MAX_LISTED_NAMES ? `${shown} and ${names.length - MAX_LISTED_NAMES} more` : shown;
}

/** Drift is read-only (the API cannot write versions): one summary line, details in --json. */
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

/**
 * A Terraform-like plan of one source: `+` create, `~` update with `field: old -> new`, `-`
 * delete, `!` refused delete, then the summary and drift lines.
 */
export function renderPlanText(view: SourcePlan): string {
  const { plan, catalog } = view;
  const catalogLabel = `"${catalog.name}" ${catalog.version} (${catalog.type})`;
  const lines: string[] = [`Source ${view.source}: catalog ${catalogLabel}`];
  if (catalog.willCreate) lines.push(`  + catalog ${catalogLabel} (will be created)`);
  for (const op of plan.create) lines.push(`  + ${op.name}`);
  for (const op of plan.update) {
    lines.push(`  ~ ${op.name}`);
    for (const change of op.changes) lines.push(showChange(change));
  }
  for (const op of plan.delete) {
    lines.push(op.duplicateOf ? `  - ${op.name} (duplicate of ${op.duplicateOf})` : `  - ${op.name}`);
  }
  for (const refused of plan.refusedDelete) lines.push(`  ! ${refused.name} (${refused.reason})`);
  const notPruned = plan.notPruned ?? [];
  if (notPruned.length > 0) {
    lines.push(
      `  ${plural(notPruned.length, 'package')} in Waldur but not upstream ${notPruned.length === 1 ? 'stays' : 'stay'} (prune is disabled): ${listNames(notPruned)}`,
    );
  }
  const newCatalog = catalog.willCreate ? ', new catalog' : '';
  lines.push(
    `Plan for ${view.source} (${catalog.name} ${catalog.version}${newCatalog}): ` +
      `${plan.create.length} to create, ${plan.update.length} to update, ${plan.delete.length} to delete, ` +
      `${plan.refusedDelete.length} refused, ${plan.unchanged} unchanged`,
  );
  lines.push(describeDrift(view));
  return `${lines.join('\n')}\n`;
}
