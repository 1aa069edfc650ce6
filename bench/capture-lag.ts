// How long after the last request capture has everything: the capture worker runs below the proxy's priority, so
// a burst is partly captured after it. Polls the API's session count until it has not moved for a second.

export async function captureCatchUpSeconds(uiUrl: string, maxSeconds = 120): Promise<number | null> {
  const url = new URL(uiUrl);
  const token = url.searchParams.get('token') ?? '';
  const count = async () => {
    const res = await fetch(`${url.origin}/api/setup`, { headers: { authorization: `Bearer ${token}` } });
    return ((await res.json()) as { sessions: number }).sessions;
  };
  const started = performance.now();
  let last = await count();
  let changedAt = started;
  while (performance.now() - changedAt < 1000) {
    if (performance.now() - started > maxSeconds * 1000) return null;
    await new Promise((r) => setTimeout(r, 100));
    const now = await count();
    if (now !== last) {
      last = now;
      changedAt = performance.now();
    }
  }
  return Math.round(changedAt - started) / 1000;
}
