// The viewer, the overview, the event stream, schedules and evidence.

export const ME = `query Me { me { name role } }`;

const OVERVIEW_FIELDS = `agentsByStatus { status count } tasksByStatus { status count } queueDepth tasksPerMinute at`;

export const OVERVIEW = `query Overview { overview { ${OVERVIEW_FIELDS} } }`;

export const OVERVIEW_UPDATED = `subscription OverviewUpdated { overviewUpdated { ${OVERVIEW_FIELDS} } }`;

/** The durable stream, without `data`: enough to know what changed and to resume from a cursor. */
export const EVENTS = `subscription Events($after: String, $agentId: ID, $kinds: [EventKind!]) {
  events(after: $after, agentId: $agentId, kinds: $kinds) { cursor kind agentId taskId workflowRunId status }
}`;

/** The same with each event's snapshot, for streams whose snapshots the page applies directly. */
export const EVENTS_WITH_DATA = `subscription EventsWithData($after: String, $agentId: ID, $kinds: [EventKind!]) {
  events(after: $after, agentId: $agentId, kinds: $kinds) { cursor kind agentId taskId workflowRunId status data }
}`;

const SCHEDULE_FIELDS = `id taskType payload cron enabled lastRunAt nextRunAt`;

export const SCHEDULES = `query Schedules($agentId: ID) { schedules(agentId: $agentId) { ${SCHEDULE_FIELDS} } }`;

export const SET_SCHEDULE_ENABLED = `mutation SetScheduleEnabled($id: ID!, $enabled: Boolean!) {
  setScheduleEnabled(id: $id, enabled: $enabled) { ${SCHEDULE_FIELDS} }
}`;

export const CREATE_SCHEDULE = `mutation CreateSchedule($input: CreateScheduleInput!) { createSchedule(input: $input) { ${SCHEDULE_FIELDS} } }`;

export const EVIDENCE = `query Evidence($agentId: ID, $first: Int!) {
  evidence(agentId: $agentId, first: $first) {
    edges { node { id source kind externalId sha256 collectedAt task { id } } }
    totalCount
  }
}`;

export const VERIFY_EVIDENCE = `query VerifyEvidence($agentId: ID!) { verifyEvidence(agentId: $agentId) { ok checked firstBadId reason } }`;
