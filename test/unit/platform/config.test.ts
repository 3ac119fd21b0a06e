import { afterEach, describe, expect, it } from 'vitest';
import { config, resetConfig } from '../../../functions/src/platform/config.ts';

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
  resetConfig();
});

describe('reading configuration from the environment', () => {
  it('fails fast, naming every missing or wrong setting', () => {
    delete process.env.TABLE_NAME;
    delete process.env.COGNITO_CLIENT_ID;
    process.env.COGNITO_ISSUER = 'not a url';
    resetConfig();
    expect(() => config()).toThrow(/TABLE_NAME[\s\S]*COGNITO_ISSUER[\s\S]*COGNITO_CLIENT_ID/);
  });

  it('fills in defaults for the rest', () => {
    process.env.TABLE_NAME = 't';
    process.env.COGNITO_ISSUER = 'https://cognito-idp.eu-west-2.amazonaws.com/pool';
    process.env.COGNITO_CLIENT_ID = 'client';
    delete process.env.MAIL_TRANSPORT;
    resetConfig();
    expect(config()).toMatchObject({ TABLE_NAME: 't', MAIL_TRANSPORT: 'ses', LOG_LEVEL: expect.any(String) });
  });
});
