// Signing several documents in one sitting, as the batch signing page and the payments registry
// do: each job's documents fetched first (one that cannot be had fails alone), all of them
// signed with one key-file unlock or one NCALayer prompt, then each job sent on its own so that
// the server checks each signature separately; a job refused says why and the others go on.
import { errorText } from './app';
import type { KeyFields } from './keyfile';

export type SignState = 'waiting' | 'signing' | 'signed' | 'failed';

export interface SignJob {
  // The job's state shown to the user; `message` says why it failed.
  show(state: SignState, message?: string): void;
}

// Signs `jobs` with `keys`: `contents` gives a job's documents (the exact bytes to sign), `send`
// sends its signatures, in the same order. A refusal of the key itself (a wrong password, no
// NCALayer) concerns every job: they go back to waiting and it is thrown, nothing sent. Answers
// how many jobs were signed.
export async function signEach<J extends SignJob>(
  jobs: J[],
  keys: Pick<KeyFields, 'signAll'>,
  contents: (job: J) => Promise<Uint8Array[]>,
  send: (job: J, signatures: string[]) => Promise<void>,
): Promise<number> {
  const ready: { job: J; bytes: Uint8Array[] }[] = [];
  for (const job of jobs) {
    job.show('signing');
    try {
      ready.push({ job, bytes: await contents(job) });
    } catch (e) {
      job.show('failed', errorText(e));
    }
  }
  if (!ready.length) return 0;
  let signatures: string[];
  try {
    signatures = await keys.signAll(ready.flatMap((r) => r.bytes));
  } catch (e) {
    for (const r of ready) r.job.show('waiting');
    throw e;
  }
  let next = 0;
  let signed = 0;
  for (const { job, bytes } of ready) {
    const mine = signatures.slice(next, next + bytes.length);
    next += bytes.length;
    try {
      await send(job, mine);
      job.show('signed');
      signed += 1;
    } catch (e) {
      job.show('failed', errorText(e));
    }
  }
  return signed;
}
