export { ConfigError } from './config-error';
export { loadConfig } from './config';
export type { Config, LogLevelName } from './config';
