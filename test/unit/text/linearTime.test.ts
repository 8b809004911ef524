// Finding 7 of issue 9: every function that reads script or model text runs in linear time. Each
// adversarial case (adversarialInputs.ts) runs in its own worker thread and must finish within
// BUDGET_MS. Why a time budget cannot flake here: the linear code handles these 100 KB–1 MB inputs
// in a few milliseconds (tens under heavy load), while the regular expressions it replaced needed
// 10^10 or more backtracking steps on them (`A` + 2,000 spaces + `b` alone cost 940 ms; these inputs
// are 50–500 times longer, and the cost grew with the square or cube of the length): minutes to
// hours. The budget sits two orders of magnitude above the first and below the second. A case that
// overruns is terminated, so a regression fails in seconds instead of hanging the suite.
import * as assert from 'assert';
import * as path from 'path';
import { Worker } from 'worker_threads';
import { ADVERSARIAL_CASES } from './adversarialInputs';

const BUDGET_MS = 3000;

interface Outcome {
  ms?: number;
  error?: string;
  overran?: boolean;
}

/** Runs `names` in one worker; a case that overruns is terminated and the rest go on in a new worker. */
async function runAll(names: string[], outcomes: Map<string, Outcome>): Promise<void> {
  let rest = names;
  while (rest.length) {
    await new Promise<void>((resolve, reject) => {
      const worker = new Worker(path.join(__dirname, 'linearTimeWorker.js'), { workerData: rest });
      let timer: NodeJS.Timeout | undefined;
      worker.on('message', (m: Outcome & { name: string; started?: boolean }) => {
        clearTimeout(timer);
        if (m.started) {
          // Each case's budget starts when it does, not while the worker loads its modules.
          timer = setTimeout(() => {
            outcomes.set(m.name, { overran: true });
            void worker.terminate().then(() => resolve());
          }, BUDGET_MS);
          return;
        }
        outcomes.set(m.name, m);
      });
      worker.on('error', reject);
      worker.on('exit', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    rest = rest.filter((n) => !outcomes.has(n));
  }
}

describe('linear time on adversarial script and model text (issue 9, finding 7)', function () {
  this.timeout(120_000);
  const outcomes = new Map<string, Outcome>();
  before(() => runAll(Object.keys(ADVERSARIAL_CASES), outcomes));
  for (const name of Object.keys(ADVERSARIAL_CASES)) {
    it(name, () => {
      const result = outcomes.get(name) ?? { error: 'never ran' };
      assert.ok(!result.overran, `still running after ${BUDGET_MS} ms: something backtracks on this input`);
      assert.strictEqual(result.error, undefined, result.error);
    });
  }
});
