import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { configInputs } from '@pv/shared/config.schema';
import { slug, toSlug, toFieldErrors } from '@pv/shared/validation';

describe('names typed by an admin', () => {
  it('trims spaces, removes control characters and keeps emoji and right-to-left text', () => {
    const parsed = configInputs.priority.parse({ name: '  Family 👪 time\u0007 — وقت العائلة  ' });
    expect(parsed.name).toBe('Family 👪 time — وقت العائلة');
  });

  it('keeps script-like text as text (it is escaped when shown, never run)', () => {
    const parsed = configInputs.priority.parse({ name: '<script>alert(1)</script>' });
    expect(parsed.name).toBe('<script>alert(1)</script>');
  });

  it('gives one plain message per field', () => {
    const result = configInputs.hub.safeParse({ name: '', networkId: 'Not A Slug', deprivationDecile: '11' });
    expect(result.success).toBe(false);
    expect(toFieldErrors(result.error!)).toEqual({
      name: 'Enter a name',
      networkId: 'Use lower-case letters, numbers and dashes only',
      deprivationDecile: 'Enter a deprivation decile from 1 to 10',
    });
  });

  it('refuses names that are too long', () => {
    const result = configInputs.priority.safeParse({ name: 'a'.repeat(121) });
    expect(toFieldErrors(result.error!)).toEqual({ name: 'Name must be 120 characters or fewer' });
  });
});

describe('baseline dates', () => {
  const base = { groupId: 'lgbt', area: 'all', sharePercent: '3', source: 'Census 2021' };
  it('refuses a date that does not exist', () => {
    expect(toFieldErrors(configInputs.baseline.safeParse({ ...base, sourceDate: '2021-02-30' }).error!)).toEqual({ sourceDate: 'Enter a real date' });
  });
  it('refuses a date in the future', () => {
    expect(configInputs.baseline.safeParse({ ...base, sourceDate: '2999-01-01' }).success).toBe(false);
  });
  it('accepts a past date and a percentage given as text from a form', () => {
    expect(configInputs.baseline.parse({ ...base, sourceDate: '2021-03-21' })).toMatchObject({ sharePercent: 3, illustrative: false });
  });
});

describe('ids made from names', () => {
  it('makes readable ids', () => {
    expect(toSlug("Parents' mental health")).toBe('parents-mental-health');
    expect(toSlug('Newark & Sherwood')).toBe('newark-and-sherwood');
    expect(toSlug('Éarly yéars')).toBe('early-years');
  });

  it('always makes a valid id or nothing (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (name) => {
        const id = toSlug(name);
        return id === '' || slug.safeParse(id).success;
      }),
    );
  });
});
