import type { WorkflowVersion } from '../api/types';
import { RelativeTime } from '../common/relative-time';
import { hrefs } from '../hooks/use-hash-route';

/** Workflow versions grouped by name, newest version first; the selected one is marked. */
export function WorkflowList({ versions, selectedId }: { versions: WorkflowVersion[]; selectedId: string | null }) {
  const byName = new Map<string, WorkflowVersion[]>();
  for (const version of versions) byName.set(version.name, [...(byName.get(version.name) ?? []), version]);
  const names = [...byName.keys()].sort((a, b) => a.localeCompare(b));
  if (names.length === 0) return <p className="empty">No workflows yet.</p>;
  return (
    <ul className="workflow-list" data-testid="workflow-list">
      {names.map((name) => {
        const list = byName.get(name)!.sort((a, b) => b.version - a.version);
        return (
          <li key={name}>
            <div className="workflow-name">{name}</div>
            <ul className="workflow-versions">
              {list.map((version) => (
                <li key={version.id}>
                  <a href={hrefs.workflows(version.id)} aria-current={version.id === selectedId ? 'page' : undefined}>
                    <span className="version-tag">v{version.version}</span>
                    <RelativeTime iso={version.createdAt} />
                  </a>
                </li>
              ))}
            </ul>
          </li>
        );
      })}
    </ul>
  );
}
