// Quitting must wait for the engine to flush the store: Electron's 'before-quit' is synchronous, so the first quit
// is cancelled, the engine stopped, and the quit repeated. A stop that hangs must not keep the app alive forever.

export interface QuitHandlerOptions {
  stop: () => Promise<void>;
  /** Called once the engine has stopped (or gave up); app.quit() in the shell. */
  quit: () => void;
  timeoutMs?: number;
  log?: (message: string) => void;
}

export interface QuitEvent {
  preventDefault(): void;
}

export function createQuitHandler(options: QuitHandlerOptions): (event: QuitEvent) => void {
  let state: 'running' | 'stopping' | 'stopped' = 'running';
  const log = options.log ?? ((message: string) => console.error(message));
  return (event) => {
    if (state === 'stopped') return;
    event.preventDefault();
    if (state === 'stopping') return;
    state = 'stopping';
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        log('threadtap: the engine did not stop in time; quitting anyway');
        resolve();
      }, options.timeoutMs ?? 5000);
    });
    const stopped = options.stop().catch((error: unknown) => log(`threadtap: stopping the engine failed: ${String(error)}`));
    void Promise.race([stopped, timeout]).then(() => {
      clearTimeout(timer);
      state = 'stopped';
      options.quit();
    });
  };
}
