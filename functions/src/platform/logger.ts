import { config } from './config.ts';

/**
 * Structured JSON logs. Deliberately narrow: callers pass named, non-personal fields (ids, counts,
 * routes, statuses). Anything that looks like an email or phone number is masked as a last defence.
 */
type Level = 'debug' | 'info' | 'warn' | 'error';
const order: Record<Level | 'silent', number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
const PHONE = /(?:\+44\s?|\b0)\d(?:[\s-]?\d){8,9}\b/g;

export function redact(value: string): string {
  return value.replace(EMAIL, '[email]').replace(PHONE, '[phone]');
}

export type LogFields = Record<string, string | number | boolean | undefined | null>;

export function log(level: Level, message: string, fields: LogFields = {}): void {
  let threshold: Level | 'silent' = 'info';
  try {
    threshold = config().LOG_LEVEL;
  } catch {
    // config not readable yet: keep the default threshold so a configuration error can still be logged
  }
  if (order[level] < order[threshold]) return;
  const entry: Record<string, unknown> = { level, time: new Date().toISOString(), message: redact(message) };
  for (const [k, v] of Object.entries(fields)) {
    if (v === undefined) continue;
    entry[k] = typeof v === 'string' ? redact(v) : v;
  }
  const line = JSON.stringify(entry);
  if (level === 'error' || level === 'warn') process.stderr.write(line + '\n');
  else process.stdout.write(line + '\n');
}

export const logger = {
  debug: (m: string, f?: LogFields) => log('debug', m, f),
  info: (m: string, f?: LogFields) => log('info', m, f),
  warn: (m: string, f?: LogFields) => log('warn', m, f),
  error: (m: string, f?: LogFields) => log('error', m, f),
};
