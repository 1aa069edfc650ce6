// How long capture takes to catch up once the traffic stops: during a burst the capture worker holds what the proxy
// hands it (burst-hold.ts) and runs below the proxy's priority, so a burst is captured after it. Polls the API until
// no call is in flight and none is waiting for capture.

export async function captureCatchUpSeconds(uiUrl: string, maxSeconds = 120): Promise<number | null> {
  const url = new URL(uiUrl);
  const token = url.searchParams.get('token') ?? '';
  const started = performance.now();
  for (;;) {
    const res = await fetch(`${url.origin}/api/setup`, { headers: { authorization: `Bearer ${token}` } });
    const setup = (await res.json()) as { captureBehind: number; inFlight: number };
    if (setup.captureBehind === 0 && setup.inFlight === 0) return Math.round(performance.now() - started) / 1000;
    if (performance.now() - started > maxSeconds * 1000) return null;
    await new Promise((r) => setTimeout(r, 50));
  }
}
