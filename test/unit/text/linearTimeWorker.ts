// Runs the adversarial cases named in workerData, one after another, and reports when each starts
// and how it ended, so that linearTime.test.ts can stop a case that hangs (a regex stuck
// backtracking cannot be interrupted from its own thread, but a worker can be terminated).
import { parentPort, workerData } from 'worker_threads';
import { ADVERSARIAL_CASES } from './adversarialInputs';

for (const name of workerData as string[]) {
  parentPort!.postMessage({ name, started: true });
  const t0 = performance.now();
  try {
    ADVERSARIAL_CASES[name]();
    parentPort!.postMessage({ name, ms: performance.now() - t0 });
  } catch (err) {
    parentPort!.postMessage({ name, error: err instanceof Error ? `${err.name}: ${err.message}` : String(err) });
  }
}
