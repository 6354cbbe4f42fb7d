import { useLayoutEffect, useRef } from 'react';
import { ErrorNote } from '../common/error-note';
import { formatClock, formatTimestamp } from '../common/format';
import { Panel } from '../common/panel';
import { MAX_LINES, useLogTail } from './use-log-tail';

/** Within this many pixels of the bottom, the tail follows new lines. */
const STICK_PX = 24;

/** The agent's live log, newest at the bottom; it follows new lines unless scrolled up. */
export function LogTail({ agentId, resync }: { agentId: string; resync: number }) {
  const { lines, error } = useLogTail(agentId, resync);
  const box = useRef<HTMLOListElement>(null);
  const stick = useRef(true);
  useLayoutEffect(() => {
    const element = box.current;
    if (element && stick.current) element.scrollTop = element.scrollHeight;
  }, [lines]);
  return (
    <Panel title="Log" actions={<span className="muted small-text">last {MAX_LINES} lines, live</span>} className="panel-log">
      <ErrorNote error={error} />
      <ol
        className="log-tail"
        ref={box}
        role="log"
        aria-label="Agent log"
        data-testid="log-tail"
        tabIndex={0}
        onScroll={(event) => {
          const element = event.currentTarget;
          stick.current = element.scrollHeight - element.scrollTop - element.clientHeight < STICK_PX;
        }}
      >
        {lines.length === 0 ? <li className="muted">No log lines yet.</li> : null}
        {lines.map((line) => (
          <li key={line.id} className={`log-line log-${line.level.toLowerCase()}`}>
            <time dateTime={line.timestamp} title={formatTimestamp(line.timestamp)}>
              {formatClock(line.timestamp)}
            </time>
            <span className="log-level">{line.level}</span>
            <span className="log-message">{line.message}</span>
            {line.actor ? <span className="log-actor">{line.actor}</span> : null}
          </li>
        ))}
      </ol>
    </Panel>
  );
}
