import type { Proposal } from '../../../story/proposal';
import type { ModelAccess } from '../../modelAccess';

/** The proposals of the items that succeeded; a failed item must not stop the others being proposed. */
export function fulfilled(settled: PromiseSettledResult<Proposal>[]): Proposal[] {
  return settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
}

/** Shows the first failure only: the rest are usually the same cause (a dead server, a bad key). */
export function reportFailures(models: ModelAccess, settled: PromiseSettledResult<Proposal>[]): void {
  const failed = settled.filter((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed.length) models.showError(failed[0].reason);
}
