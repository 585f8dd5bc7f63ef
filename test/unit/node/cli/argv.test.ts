import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { protectDashedBlobIds } from '../../../../node/cli/argv.ts';
import { register as registerBlobStatus } from '../../../../node/cli/commands/blob-status/index.ts';
import { register as registerDelete } from '../../../../node/cli/commands/delete/index.ts';
import { register as registerRead } from '../../../../node/cli/commands/read/index.ts';

const ID = '-ed6MAeDp7NUBJAlYoYEs2LfiAr86AF5uAP8bXd2fKk'; // a real blob ID that starts with '-'

function program(): Command {
  const p = new Command('walrus-ts').exitOverride();
  registerRead(p);
  registerBlobStatus(p);
  registerDelete(p);
  return p;
}

/** What commander hands the subcommand: its operands and options, without running its action. */
function parsed(argv: readonly string[]): { args: string[]; opts: Record<string, unknown> } {
  const p = program();
  const fixed = protectDashedBlobIds(p, ['node', 'walrus-ts', ...argv]);
  const name = fixed[2];
  const cmd = p.commands.find((c) => c.name() === name)!;
  cmd.action(() => {});
  p.parse(fixed);
  return { args: cmd.args, opts: cmd.opts() };
}

describe('protectDashedBlobIds', () => {
  it('lets read and blob-status take a blob ID that starts with a dash, wherever it stands', () => {
    expect(parsed(['read', ID, '--out', '/tmp/x'])).toMatchObject({ args: [ID], opts: { out: '/tmp/x' } });
    expect(parsed(['read', '--out', '/tmp/x', ID, '--json'])).toMatchObject({
      args: [ID],
      opts: { out: '/tmp/x', json: true },
    });
    expect(parsed(['blob-status', ID, '--json'])).toMatchObject({ args: [ID], opts: { json: true } });
  });

  it('leaves a dashed ID given as an option value, an explicit --, and other arguments alone', () => {
    const argv = ['node', 'walrus-ts', 'delete', '--blob-id', ID];
    expect(protectDashedBlobIds(program(), argv)).toBe(argv);
    expect(parsed(['delete', '--blob-id', ID]).opts).toMatchObject({ blobId: ID });
    const explicit = ['node', 'walrus-ts', 'read', '--', ID];
    expect(protectDashedBlobIds(program(), explicit)).toBe(explicit);
    const plain = ['node', 'walrus-ts', 'read', 'ed6MAeDp7NUBJAlYoYEs2LfiAr86AF5uAP8bXd2fKk0'];
    expect(protectDashedBlobIds(program(), plain)).toBe(plain);
    // Not 43 characters: still an (unknown) option for commander to refuse.
    expect(() => parsed(['read', '-x'])).toThrow(/unknown option/);
  });
});
