import { EVIDENCE, VERIFY_EVIDENCE } from '../api/system-queries';
import type { Evidence, EvidenceVerification } from '../api/types';
import { ErrorNote } from '../common/error-note';
import { shortId } from '../common/format';
import { Panel } from '../common/panel';
import { RelativeTime } from '../common/relative-time';
import { useAsync } from '../hooks/use-async';
import { useSession } from '../session/session-context';

const SHOWN = 20;

function Verification({ result }: { result: EvidenceVerification }) {
  if (result.ok && result.checked === 0) {
    return (
      <p className="verification verification-none" data-testid="evidence-verification">
        Nothing to verify yet.
      </p>
    );
  }
  if (result.ok) {
    return (
      <p className="verification verification-ok" data-testid="evidence-verification">
        Chain verified: {result.checked} record{result.checked === 1 ? '' : 's'}, hashes and signatures intact.
      </p>
    );
  }
  return (
    <p className="verification verification-bad" role="alert" data-testid="evidence-verification">
      Chain broken{result.firstBadId ? ` at ${shortId(result.firstBadId)}` : ''}: {result.reason ?? 'unknown reason'} ({result.checked} checked)
    </p>
  );
}

/** The agent's collected evidence, newest first, and whether its hash chain verifies. Each part degrades alone. */
export function EvidencePanel({ agentId, version }: { agentId: string; version: number }) {
  const { http } = useSession();
  const evidence = useAsync(
    () => http.request<{ evidence: { edges: { node: Evidence }[]; totalCount: number } }>(EVIDENCE, { agentId, first: SHOWN }).then((data) => data.evidence),
    [http, agentId, version],
  );
  const verification = useAsync(
    () => http.request<{ verifyEvidence: EvidenceVerification }>(VERIFY_EVIDENCE, { agentId }).then((data) => data.verifyEvidence),
    [http, agentId, version],
  );
  const total = evidence.data?.totalCount;
  return (
    <Panel title="Evidence" actions={total !== undefined ? <span className="muted small-text">{total} records</span> : null} className="panel-evidence">
      {verification.data ? <Verification result={verification.data} /> : null}
      <ErrorNote error={verification.error} />
      <ErrorNote error={evidence.error} />
      {evidence.data && evidence.data.edges.length === 0 ? <p className="empty">No evidence collected.</p> : null}
      {evidence.data && evidence.data.edges.length > 0 ? (
        <table className="data-table compact" data-testid="evidence-table">
          <thead>
            <tr>
              <th scope="col">Collected</th>
              <th scope="col">Kind</th>
              <th scope="col">External id</th>
              <th scope="col">SHA-256</th>
            </tr>
          </thead>
          <tbody>
            {evidence.data.edges.map(({ node }) => (
              <tr key={node.id}>
                <td>
                  <RelativeTime iso={node.collectedAt} />
                </td>
                <td title={node.source}>{node.kind}</td>
                <td className="mono truncate" title={node.externalId ?? undefined}>
                  {node.externalId ?? '—'}
                </td>
                <td className="mono" title={node.sha256}>
                  {node.sha256.slice(0, 12)}…
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </Panel>
  );
}
