import pino, { type Logger } from 'pino';
import type { LogLevelName } from '../config';

export type { Logger };

/**
 * Structured JSON logs. Known secret-bearing fields are redacted wherever they appear,
 * as a second line of defence: code never logs configs or keys on purpose.
 */
export function createLogger(level: LogLevelName, name = 'velocity', destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    name,
    level,
    redact: {
      paths: [
        'authorization',
        '*.authorization',
        'headers.authorization',
        'req.headers.authorization',
        'config',
        '*.config',
        'secret',
        '*.secret',
        'secretAccessKey',
        '*.secretAccessKey',
        'sessionToken',
        '*.sessionToken',
        'variables',
        '*.variables',
      ],
      censor: '[redacted]',
    },
  };
  return destination === undefined ? pino(options) : pino(options, destination);
}
