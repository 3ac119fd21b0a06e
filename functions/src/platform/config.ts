import * as z from 'zod';

/**
 * Everything the functions read from the environment, parsed once. Locally the values point at
 * DynamoDB Local, cognito-local and the mail catcher; in AWS at the real services. Nothing else differs.
 */
const schema = z.object({
  TABLE_NAME: z.string().min(1),
  AWS_REGION: z.string().min(1).default('eu-west-2'),
  /** Set only locally (DynamoDB Local). */
  DYNAMODB_ENDPOINT: z.url().optional(),
  /** Issuer of the Cognito ID tokens, e.g. https://cognito-idp.eu-west-2.amazonaws.com/<poolId>. */
  COGNITO_ISSUER: z.url(),
  /** The app client id: the audience of ID tokens. */
  COGNITO_CLIENT_ID: z.string().min(1),
  /** Set only locally (cognito-local), for signing staff in. */
  COGNITO_ENDPOINT: z.url().optional(),
  /** Defaults to <issuer>/.well-known/jwks.json. */
  COGNITO_JWKS_URL: z.url().optional(),
  MAIL_TRANSPORT: z.enum(['ses', 'smtp']).default('ses'),
  SMTP_HOST: z.string().default('localhost'),
  SMTP_PORT: z.coerce.number().int().default(1025),
  MAIL_FROM: z.string().default('Parent Voice <no-reply@parent-voice.example>'),
  /** The public site, for the links in emails to families. */
  PUBLIC_WEB_URL: z.url().default('http://localhost:5173'),
  /**
   * The HMAC secret the web server signs the browser's address with (x-pv-client). Locally the start
   * script makes a random one; in AWS it comes from Secrets Manager. Without it no x-pv-client is accepted.
   */
  PV_CLIENT_SECRET: z.string().min(32).optional(),
  /**
   * Multiplies every per-connection limit (functions/src/limits), never the per-account ones: for a
   * partnership whose families often share one connection (sign-up sessions on a hub's Wi-Fi). The
   * browser tests set it too, since every journey there comes from 127.0.0.1.
   */
  PV_LIMIT_SCALE: z.coerce.number().int().min(1).max(100).default(1),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
});

export type Config = z.infer<typeof schema>;

let cached: Config | undefined;

export function config(): Config {
  if (cached) return cached;
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Parent Voice functions are not configured correctly:\n${lines}`);
  }
  cached = parsed.data;
  return cached;
}

/** For tests that change the environment between cases. */
export function resetConfig(): void {
  cached = undefined;
}
