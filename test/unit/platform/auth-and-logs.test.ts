import { describe, expect, it } from 'vitest';
import { callerFromClaims } from '../../../functions/src/platform/auth.ts';
import { redact } from '../../../functions/src/platform/logger.ts';

describe('reading the caller from token claims', () => {
  it('reads groups as jose gives them (an array)', () => {
    expect(callerFromClaims({ sub: 's', email: 'a@b.example', 'custom:tenant': 'notts', 'cognito:groups': ['admin', 'unknown'] })).toEqual({
      sub: 's',
      email: 'a@b.example',
      tenantId: 'notts',
      roles: ['admin'],
    });
  });

  it('reads groups as API Gateway passes them (a bracketed string)', () => {
    expect(callerFromClaims({ sub: 's', 'custom:tenant': 'notts', 'cognito:groups': '[officer partner]' }).roles).toEqual(['officer', 'partner']);
  });

  it('refuses a token with no partnership', () => {
    expect(() => callerFromClaims({ sub: 's', 'cognito:groups': ['admin'] })).toThrow(/not linked to a partnership/);
  });
});

describe('masking personal data in log lines', () => {
  it('masks email addresses and UK phone numbers', () => {
    expect(redact('from jo.bloggs+x@example.co.uk about 07700 900123 and +44 7700 900 123')).toBe('from [email] about [phone] and [phone]');
  });
});
