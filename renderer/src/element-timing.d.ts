// Element Timing (https://w3c.github.io/element-timing/): Chromium reports when an element marked `elementtiming`
// was first painted. The UI bench reads it to time the session list's first row and an opened session's turns.
import 'react';

declare module 'react' {
  interface HTMLAttributes<T> {
    elementtiming?: string;
  }
}
