import { parseArgs } from 'node:util';
import { commands, loadCommand } from './commands';

/** `aeo <command> [options]`: the validator's and HQ officer's command line over the same core as the app. */
async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    printHelp();
    return name ? 0 : 2;
  }
  const entry = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!entry) {
    console.error(`aeo: unknown command "${name}". Run \`aeo --help\`.`);
    return 2;
  }
  const command = await loadCommand(entry);
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(command.usage ?? `Usage: aeo ${name} [options]\n\n${entry.summary}`);
    return 0;
  }
  try {
    const { values, positionals } = parseArgs({
      args: rest,
      options: command.options,
      allowPositionals: true,
      strict: true,
    });
    return await command.run(values as Record<string, string | boolean | undefined>, positionals);
  } catch (error) {
    console.error(`aeo ${name}: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

function printHelp() {
  console.log('Usage: aeo <command> [options]\n\nCommands:');
  for (const [name, command] of Object.entries(commands)) console.log(`  ${name.padEnd(10)} ${command.summary}`);
}

process.exitCode = await main(process.argv.slice(2));
