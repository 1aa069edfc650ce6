// Copy through the desktop shell when there is one (works without a focused document), else the browser clipboard.
import { desktopApi } from './desktop-api';

export async function copyText(text: string): Promise<void> {
  const api = desktopApi();
  if (api.copyText) return api.copyText(text);
  await navigator.clipboard.writeText(text);
}
