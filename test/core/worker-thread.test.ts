import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { startWorker } from '../../electron/core/worker-thread';

const entry = fileURLToPath(new URL('./fixtures/young-generation-worker.ts', import.meta.url));

async function youngGenerationMb(cap?: number): Promise<number> {
  const worker = startWorker(entry, cap);
  try {
    return await new Promise<number>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
  } finally {
    await worker.terminate();
  }
}

describe('startWorker', () => {
  it('caps the young generation of a worker when asked, which V8 otherwise lets grow to tens of MB', async () => {
    expect(await youngGenerationMb()).toBeGreaterThan(8);
    expect(await youngGenerationMb(8)).toBeLessThanOrEqual(8);
  });
});
