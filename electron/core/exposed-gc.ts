// V8's `gc`, for the few places that collect on their own schedule (see idle-gc.ts, store/prompt-gc.ts).

import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let collect: (() => void) | undefined;

/** Only a context created after the flag is set can see `gc`; the flag itself is process-wide. */
export function exposedGc(): () => void {
  if (!collect) {
    setFlagsFromString('--expose-gc');
    collect = runInNewContext('gc') as () => void;
  }
  return collect;
}
