import { useConnectionState } from '../hooks/use-connection-state';

/** Says so while live updates are cut; the views catch up by themselves on reconnect. */
export function ConnectionBanner() {
  const state = useConnectionState();
  if (state !== 'reconnecting') return null;
  return (
    <div className="connection-banner" role="status" aria-live="polite" data-testid="connection-banner">
      Live updates are interrupted: reconnecting… What is shown may be out of date; the page catches up as soon as the connection is back.
    </div>
  );
}
