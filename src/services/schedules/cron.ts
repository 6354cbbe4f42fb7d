import { CronExpressionParser } from 'cron-parser';
import { badInput } from '../errors/domain-error';

/** Parses a five-field UTC cron expression; throws BAD_USER_INPUT naming the field otherwise. */
export function checkCron(expression: string, path = 'input.cron'): string {
  const trimmed = expression.trim();
  if (trimmed.split(/\s+/).length !== 5) throw badInput('cron must have five fields (minute hour day-of-month month day-of-week), in UTC', path);
  try {
    CronExpressionParser.parse(trimmed, { tz: 'UTC', strict: false });
  } catch (error: unknown) {
    throw badInput(`cron is not valid: ${error instanceof Error ? error.message : String(error)}`, path);
  }
  return trimmed;
}

/** The first fire time strictly after `after`. */
export function nextFireTime(expression: string, after: Date): Date {
  return CronExpressionParser.parse(expression, { tz: 'UTC', currentDate: after }).next().toDate();
}
