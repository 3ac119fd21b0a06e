import { describe, expect, it } from 'vitest';
import { dayText, dayWithWeekday, momentText, monthText } from '@pv/shared/dates';

describe('dates as people read them (issue 15: one dates.ts)', () => {
  it('writes a calendar day as that day, whatever the server’s zone', () => {
    expect(dayText('2026-03-03')).toBe('3 March 2026');
    expect(dayText('2026-03-03', 'short')).toBe('3 Mar 2026');
    expect(dayWithWeekday('2026-03-03')).toBe('Tuesday 3 March 2026');
    expect(dayText('2026-06-30')).toBe('30 June 2026');
  });

  it('writes a moment as the day it was in England: 00:30 BST is the next day, not the UTC one', () => {
    expect(dayText('2026-06-30T23:30:00Z')).toBe('1 July 2026');
    expect(dayText('2026-12-31T23:30:00Z')).toBe('31 December 2026'); // GMT: London is UTC
    expect(momentText('2026-06-30T23:30:00Z')).toBe('1 Jul 2026, 00:30');
  });

  it('gives back what it cannot read, and nothing for nothing', () => {
    expect(dayText('not a date')).toBe('not a date');
    expect(dayText(undefined)).toBe('');
    expect(monthText('2026-03')).toBe('Mar 2026');
    expect(monthText('soon')).toBe('soon');
  });
});
