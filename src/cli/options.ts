/**
 * The CLI's flags, parsed. Light on purpose: every command loads this, so it imports nothing
 * (how flags become a model is in `modelFlags.ts`, loaded only by the commands that ask one).
 */

/** A mistake in how the command was called, with a message fit to show as-is. */
export class UsageError extends Error {}

export interface Args {
  positional: string[];
  flags: Map<string, string | true>;
}

const VALUE_FLAGS = new Set(['--md', '--pdf', '-o', '--output', '--item', '--provider', '--model-file', '--base-url', '--model', '--api-key', '--concurrency', '--structure', '--seed', '--temperature', '--alternatives', '--premise', '--fdx', '--scene-max-tokens', '--characters', '--timeout', '--max-tokens', '--max-answer-chars', '--max-items', '--paper', '--watermark', '--font']);

/** `extraValueFlags`: flags of the caller's own that take a value. */
export function parseArgs(argv: string[], extraValueFlags: readonly string[] = []): Args {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('-') && a.length > 1) {
      const eq = a.indexOf('=');
      const name = eq > 0 ? a.slice(0, eq) : a;
      if (VALUE_FLAGS.has(name) || extraValueFlags.includes(name)) {
        const value = eq > 0 ? a.slice(eq + 1) : argv[++i];
        if (value === undefined) throw new UsageError(`${name} needs a value.`);
        flags.set(name, value);
      } else flags.set(name, true);
    } else positional.push(a);
  }
  return { positional, flags };
}

export function flag(args: Args, name: string): string | undefined {
  const v = args.flags.get(name);
  return typeof v === 'string' ? v : undefined;
}

export function intFlag(args: Args, name: string, min: number): number | undefined {
  const v = flag(args, name);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`${name} must be a whole number ≥ ${min}.`);
  return n;
}

/** The sampling parameters recorded with what the model wrote. */
export function samplingParams(args: Args): Record<string, number> {
  const temperature = flag(args, '--temperature');
  return temperature === undefined ? {} : { temperature: Number(temperature) };
}
