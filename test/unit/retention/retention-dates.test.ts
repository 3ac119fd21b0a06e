import { describe, expect, it } from 'vitest';
import { addDays, addMonths, addYears, isDue } from '../../../functions/src/retention/retention.dates.ts';

describe('counting retention periods in calendar days', () => {
  it('adds months keeping the day, or the last day of a shorter month', () => {
    expect(addMonths('2026-03-15', 24)).toBe('2028-03-15');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2027-01-31', 1)).toBe('2027-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-12-31', -12)).toBe('2025-12-31');
    expect(addYears('2028-02-29', -6)).toBe('2022-02-28');
  });

  it('adds days across months and years', () => {
    expect(addDays('2026-12-20', 30)).toBe('2027-01-19');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('keeps a record through the last day of its period and makes it due the day after', () => {
    const keep = (d: string) => addMonths(d, 12);
    expect(isDue('2026-05-10', keep, '2027-05-10')).toBe(false);
    expect(isDue('2026-05-10', keep, '2027-05-11')).toBe(true);
  });
});
