/**
 * `dramaturge`: the story engine, headless. Reads and writes one .fountain file (plus its optional
 * sidecar), talks to any OpenAI-compatible endpoint. This file parses the command line and hands
 * over to the command's own module (`src/cli/`), loaded only when that command runs.
 */
import { ScriptFileError } from './cli/scriptFile';
import { UsageError, parseArgs } from './cli/options';

const HELP = `dramaturge — write a screenplay top-down (logline → title → characters → beats → places → scenes),
stored as a plain .fountain file.

Usage:
  dramaturge new "<logline>" -o x.fountain        start a screenplay from your logline (no model call)
  dramaturge generate <level> [--item N] x.fountain
        level: logline | title | characters | beats | places | scenes
        without --item: fills the level (characters and beats: the whole list; places and
        scenes: the ones still missing). --item N (1-based) regenerates that one item.
        --alternatives K   write the first of K alternatives, print them all
        --continue         extend the list (characters, beats) or scene N (with --item)
        --premise "..."    for "generate logline": draft the logline from this premise
  dramaturge stale x.fountain [--regenerate]      list items whose inputs changed; --regenerate redoes them
  dramaturge write-all x.fountain                 write everything that is missing, scenes in parallel
  dramaturge authorship x.fountain [--json] [--md report.md] [--pdf report.pdf [--paper letter|a4]]
        who wrote what, word by word: per scene and level, the writer's words, the model's kept
        verbatim and the model's then edited, the edit measure, the models used, and a summary
        to adapt for a guild, a producer or a copyright registration. Without flags: Markdown.
        --pdf prints it through the script's own page layout and PDF writer.
  dramaturge export x.fountain --fdx out.fdx      write a Final Draft file (no model call)
  dramaturge import x.fdx -o x.fountain           convert a Final Draft file to Fountain (--force replaces x.fountain)
  dramaturge export x.fountain --pdf out.pdf      print to PDF (fonts embedded, bookmarks, title/author)
        --paper letter|a4   (default letter)   --scene-numbers   --continued
        --watermark TEXT    --font FILE (a font for characters Courier lacks: CJK, Arabic…)
        --notes --sections --synopses   print what normally stays hidden

Model (flags win over environment):
  --provider local   the built-in local model: a GGUF file run on this machine, no server, no key
  --model-file PATH  DRAMATURGE_MODEL_FILE   the .gguf for --provider local (chosen by itself when set
                     and no endpoint is given)
  --base-url URL     OPENAI_BASE_URL    any OpenAI-compatible endpoint (Ollama, vLLM, LM Studio, OpenAI…)
  --model NAME       DRAMATURGE_MODEL
  --api-key KEY      OPENAI_API_KEY     not needed for local servers
  --timeout S        seconds the model may stay silent before the request is stopped (default 120)
  --max-tokens N     most tokens one answer may use, at every level (default: each level's own)
Limits (an answer past them is stopped and nothing of it is written):
  --max-answer-chars N   most characters one answer may have, at every level
                         (default: logline 2000, title 1000, characters 60000, beats 40000,
                         places 4000, scene 50000)
  --max-items N          most characters or beats one list answer may have (default 40 / 150)
  Local model tuning: DRAMATURGE_LOCAL_CONTEXT (tokens per sequence, default 4096),
  DRAMATURGE_LOCAL_THREADS (CPU threads, default: llama.cpp's choice)
Options:
  --concurrency N    requests in flight for places and scenes (default 4)
  --structure NAME   freytag (default) | heros-journey | save-the-cat | three-acts | "A, B, C"
  --seed N  --temperature T
  --characters N     how many characters "generate characters" and write-all create (default 5)
  --scene-max-tokens N   most tokens one scene answer may use (shorter scenes; quicker on a small local model)
  --no-sidecar       do not write x.fountain.dramaturge.json (provenance and staleness records)
  --help
`;

export async function main(argv: string[]): Promise<number> {
  const controller = new AbortController();
  const onSigint = () => {
    if (controller.signal.aborted) process.exit(130);
    process.stderr.write('\nCancelling… (Ctrl+C again to quit at once)\n');
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  try {
    const args = parseArgs(argv);
    const command = args.positional[0];
    if (args.flags.has('--help') || args.flags.has('-h') || !command || command === 'help') {
      process.stdout.write(HELP);
      return command || args.flags.has('--help') || args.flags.has('-h') ? 0 : 2;
    }
    // Each command loads only what it uses: a PDF export never initialises the model stack.
    switch (command) {
      case 'new':
      case 'generate':
      case 'stale':
      case 'write-all':
        return await (await import('./cli/storyCommands')).runStoryCommand(command, args, argv, controller.signal);
      case 'authorship':
        return await (await import('./cli/authorshipCommand')).cmdAuthorship(args, controller.signal);
      case 'export':
        return await (await import('./cli/exportCommands')).cmdExport(args, controller.signal);
      case 'import':
        (await import('./cli/exportCommands')).cmdImport(args);
        return 0;
      default:
        throw new UsageError(`Unknown command "${command}". Run dramaturge --help.`);
    }
  } catch (err) {
    if (err instanceof UsageError || err instanceof ScriptFileError) {
      process.stderr.write(`dramaturge: ${err.message}\n`);
      return 2;
    }
    process.stderr.write(`dramaturge: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  } finally {
    process.off('SIGINT', onSigint);
  }
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
