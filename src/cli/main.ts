// The `pgfabric` command line (see CONTRACT.md): start, check. Other commands arrive with their issues.
import { parseArgs } from 'node:util';
import { auditCommand } from './audit-command.js';
import { checkCommand } from './check-command.js';
import { rewriteCommand } from './rewrite-command.js';
import { startCommand } from './start-command.js';

const USAGE = `usage:
  pgfabric start [--config FILE]    run the proxy (no config: the embedded demo)
  pgfabric check [--config FILE]    validate the config and probe every backend
  pgfabric rewrite --config FILE --tenant T --role R "SQL"
                                    print the SQL pgfabric runs for that tenant and role, or the refusal
  pgfabric audit verify FILE        check an audit file's hash chain (edited, removed or reordered entries)`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: rest,
    options: { config: { type: 'string', short: 'c' }, tenant: { type: 'string' }, role: { type: 'string' } },
    allowPositionals: true,
  });
  const out = (line: string): void => void process.stdout.write(line + '\n');
  switch (command) {
    case 'start':
      return startCommand(values.config, out);
    case 'check':
      return checkCommand(values.config ?? './pgfabric.yaml', out);
    case 'rewrite': {
      const sql = positionals.join(' ');
      return rewriteCommand({ config: values.config ?? './pgfabric.yaml', ...(values.tenant ? { tenant: values.tenant } : {}), ...(values.role ? { role: values.role } : {}), ...(sql ? { sql } : {}) }, out);
    }
    case 'audit':
      return auditCommand(positionals, out);
    default:
      process.stderr.write(USAGE + '\n');
      return command === undefined || command === 'help' || command === '--help' ? 0 : 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`pgfabric: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
