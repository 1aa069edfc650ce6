import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';

/** V8's `gc()` in a test that was not started with --expose-gc. */
export function exposedGc(): () => void {
  v8.setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

/** Heap and array buffers both, after full collections: typed-array columns keep their bytes off the heap. */
export function memoryUsed(): number {
  const gc = exposedGc();
  gc();
  gc();
  return v8.getHeapStatistics().used_heap_size + process.memoryUsage().arrayBuffers;
}
