// Shown above the session list while rows are picked: how many, one button that exports them together in one file
// (the same export menu as a single session), and a way to clear the pick.
import { ExportMenu } from './export-menu';

export interface PickedExportBarProps {
  ids: ReadonlySet<string>;
  onClear(): void;
}

export function PickedExportBar({ ids, onClear }: PickedExportBarProps) {
  if (ids.size === 0) return null;
  const count = `${ids.size} session${ids.size === 1 ? '' : 's'}`;
  return (
    <div className="picked-bar" data-testid="picked-bar">
      <span className="small">{count} picked</span>
      <ExportMenu sessionIds={[...ids]} label={`Export ${count}`} />
      <button type="button" className="ghost-button" onClick={onClear}>
        Clear
      </button>
    </div>
  );
}
