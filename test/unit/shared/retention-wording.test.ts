import { describe, expect, it } from 'vitest';
import { retentionDefaults, retentionOf, retentionWording, tenantSettingsInput } from '@pv/shared/config.schema';

describe('what parents read about how long we keep their data', () => {
  it('says the default periods when the partnership has set none', () => {
    const w = retentionWording({});
    expect(w.responses).toBe('We keep your answers for 24 months after the survey closes, then delete them. The totals stay, with nothing in them that says who you are.');
    expect(w.unconfirmed).toBe('If you do not confirm within 30 days, we delete your details.');
    expect(w.left).toBe('If you leave, we keep your contact details for 12 months, then delete them. You can erase them sooner yourself.');
    expect(w.alreadyLeft).toBe('We keep the details below for 12 months after you left, then delete them.');
    expect(w.sentMessages).toBe('We keep copies of the emails we send you for 90 days, then delete them.');
  });

  it("quotes the partnership's own periods", () => {
    const w = retentionWording({ keepResponsesMonths: 6, keepUnconfirmedDays: 14, keepLeftMembersMonths: 3, keepSentMessagesDays: 45 });
    expect(w.responses).toContain('for 6 months after the survey closes');
    expect(w.unconfirmed).toContain('within 14 days');
    expect(w.left).toContain('for 3 months, then');
    expect(w.alreadyLeft).toContain('for 3 months after you left');
    expect(w.sentMessages).toContain('for 45 days, then');
  });

  it('says one month and one day in the singular', () => {
    const w = retentionWording({ keepResponsesMonths: 1, keepLeftMembersMonths: 1, keepUnconfirmedDays: 1, keepSentMessagesDays: 1 });
    expect(w.responses).toContain('for 1 month after');
    expect(w.left).toContain('for 1 month, then');
    expect(w.alreadyLeft).toContain('for 1 month after');
    expect(w.unconfirmed).toContain('within 1 day,');
    expect(w.sentMessages).toContain('for 1 day, then');
  });
});

describe('retention settings', () => {
  it('fills in the defaults for a partnership stored before they existed, and keeps the ones it has', () => {
    expect(retentionOf({})).toEqual(retentionDefaults);
    expect(retentionOf({ keepAuditYears: 8 })).toEqual({ ...retentionDefaults, keepAuditYears: 8 });
  });

  it('takes whole numbers typed into the form and refuses anything out of range', () => {
    const base = { name: 'Notts partnership', strategy: '', about: '', suppressionThreshold: '5', version: '1' };
    expect(tenantSettingsInput.parse({ ...base, keepResponsesMonths: '36' }).keepResponsesMonths).toBe(36);
    expect(tenantSettingsInput.parse(base).keepResponsesMonths).toBeUndefined();
    expect(tenantSettingsInput.safeParse({ ...base, keepResponsesMonths: '121' }).success).toBe(false);
    expect(tenantSettingsInput.safeParse({ ...base, keepUnconfirmedDays: '6' }).success).toBe(false);
    expect(tenantSettingsInput.safeParse({ ...base, keepAuditYears: '1.5' }).success).toBe(false);
  });
});
