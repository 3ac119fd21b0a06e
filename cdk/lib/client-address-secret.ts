import { Validations } from 'aws-cdk-lib';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';

/** The environment variable that holds the key, in the API's route functions and in the SSR function. */
export const clientSecretVariable = 'PV_CLIENT_SECRET';

/**
 * The key the web server signs the browser's address with (HMAC) and the API's route functions
 * verify it with, so a caller of the API cannot name its own address for the per-client limits.
 * 48 letters and digits (the functions want at least 32).
 */
export function addClientAddressSecret(scope: Construct, id: string): Secret {
  return addSharedToken(
    scope,
    id,
    `Parent Voice: HMAC key for the client address the web server passes to the API (${clientSecretVariable}).`,
    'A signing key shared by the SSR function and the API route functions, not a credential to data. Both read it ' +
      'at deploy time (environment), so a rotation Lambda could not update them; rotate by replacing it and deploying both stacks.',
  );
}

/**
 * A generated token (48 letters and digits) that functions read from their environment at deploy time:
 * the client-address key and the CloudFront origin header. `whyNotRotated` answers cdk-nag's SMG4.
 */
export function addSharedToken(scope: Construct, id: string, description: string, whyNotRotated: string): Secret {
  const secret = new Secret(scope, id, { description, generateSecretString: { excludePunctuation: true, passwordLength: 48 } });
  Validations.of(secret).acknowledge({ id: 'AwsSolutions-SMG4', reason: whyNotRotated });
  return secret;
}
