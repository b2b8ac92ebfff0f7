// Every `--json` output is one object whose first key is format_version, with the command's keys
// after it (what scripts parse must say which shape it has).
import { describe, expect, it } from 'vitest';
import { JSON_FORMAT_VERSION } from '../../src/render-json-output.js';
import { runCli, useDaemonFixture } from '../daemon/daemon-harness.js';

describe('--json outputs', () => {
  const t = useDaemonFixture('json-output');

  it('when each command prints JSON, then format_version comes first and the documented keys follow', async () => {
    // Arrange: two sources, no daemon (status exits 3; trigger queues for later).
    t.fixture.write([{ name: 'site', packages: ['one'] }, { name: 'other', packages: ['two'] }]);
    const cli = (...args: string[]) => runCli([...args, '--config', t.fixture.configFile, '--json'], t.fixture.env);

    // Act
    const outputs = {
      plan: await cli('plan'),
      sync: await cli('sync', '--source', 'site'),
      validate: await cli('validate'),
      status: await cli('status'),
      trigger: await cli('trigger', '--all'),
    };

    // Assert
    const keys = Object.fromEntries(Object.entries(outputs).map(([name, result]) => [name, Object.keys(JSON.parse(result.stdout) as object)]));
    expect(keys).toEqual({
      plan: ['format_version', 'plans'],
      sync: ['format_version', 'runs'],
      validate: ['format_version', 'config_warnings', 'sources'],
      status: ['format_version', 'sources', 'queues', 'replicas'],
      trigger: ['format_version', 'triggered'],
    });
    for (const result of Object.values(outputs)) expect(JSON.parse(result.stdout)).toMatchObject({ format_version: JSON_FORMAT_VERSION });
    expect(JSON_FORMAT_VERSION).toBe(1);
  });
});
