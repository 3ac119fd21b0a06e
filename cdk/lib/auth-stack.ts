import { Aws, CfnOutput, Duration, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import {
  AccountRecovery,
  ClientAttributes,
  FeaturePlan,
  Mfa,
  StandardThreatProtectionMode,
  StringAttribute,
  UserPool,
  type UserPoolClient,
} from 'aws-cdk-lib/aws-cognito';
import type { Construct } from 'constructs';
import { roles, type Role } from '@pv/shared/auth.schema';

export interface AuthStackProps extends StackProps {
  envName: string;
  featurePlan: 'plus' | 'essentials';
}

const groupDescriptions: Record<Role, string> = {
  admin: 'Runs a tenant: configuration, staff accounts, audit.',
  officer: 'Council officer: panels, consultations, feedback triage, actions.',
  partner: 'Partner organisation: sees what is shared with it.',
  parent: 'Parent or carer with an account.',
};

/** The user pool, its groups (one per role in shared/auth.schema) and the web app's client. */
export class AuthStack extends Stack {
  readonly userPool: UserPool;
  readonly webClient: UserPoolClient;
  /** Issuer of the pool's tokens: what the HTTP API's JWT authoriser and the functions check. */
  readonly issuer: string;

  constructor(scope: Construct, id: string, props: AuthStackProps) {
    super(scope, id, props);
    const plus = props.featurePlan === 'plus';

    this.userPool = new UserPool(this, 'UserPool', {
      userPoolName: `parent-voice-${props.envName}`,
      // Accounts are created by admins (AdminCreateUser) for a tenant; nobody signs themselves up.
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      keepOriginal: { email: true },
      standardAttributes: {
        email: { required: true, mutable: true },
        fullname: { required: false, mutable: true },
      },
      // Set by admins only: the web client below can read it but not write it.
      customAttributes: { tenant: new StringAttribute({ minLen: 1, maxLen: 64, mutable: true }) },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
        passwordHistorySize: 5,
      },
      mfa: Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      featurePlan: plus ? FeaturePlan.PLUS : FeaturePlan.ESSENTIALS,
      ...(plus ? { standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION } : {}),
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    Validations.of(this.userPool).acknowledge({
      id: 'AwsSolutions-COG2',
      reason:
        'MFA is OPTIONAL (TOTP, no SMS) so staff can enrol; it is not REQUIRED because the SvelteKit sign-in ' +
        '(USER_PASSWORD_AUTH) does not handle the SOFTWARE_TOKEN_MFA challenge yet. Threat protection ' +
        '(Plus plan, full function) adds risk-based challenges meanwhile.',
    });
    if (!plus) {
      Validations.of(this.userPool).acknowledge({
        id: 'AwsSolutions-COG3',
        reason: 'cognitoFeaturePlan=essentials was chosen for this environment to save cost; threat protection needs the Plus plan.',
      });
    }

    roles.forEach((role, index) => {
      this.userPool.addGroup(`Group-${role}`, {
        groupName: role,
        description: groupDescriptions[role],
        precedence: index * 10,
      });
    });

    this.webClient = this.userPool.addClient('WebClient', {
      userPoolClientName: 'web',
      // The API's staff-session routes call InitiateAuth with the user's password and keep the tokens
      // server-side; REFRESH_TOKEN_AUTH is always on.
      authFlows: { userPassword: true },
      generateSecret: false,
      disableOAuth: true,
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      // Short-lived, refreshed server-side while the session lives: an ended session leaves nothing usable.
      idTokenValidity: Duration.minutes(15),
      accessTokenValidity: Duration.minutes(15),
      refreshTokenValidity: Duration.hours(12),
      // The ID token carries custom:tenant (the API reads it), so the client reads it…
      readAttributes: new ClientAttributes()
        .withStandardAttributes({ email: true, emailVerified: true, fullname: true })
        .withCustomAttributes('tenant'),
      // …but never writes it: a user must not move themselves to another tenant.
      writeAttributes: new ClientAttributes().withStandardAttributes({ email: true, fullname: true }),
    });

    this.issuer = `https://cognito-idp.${Aws.REGION}.${Aws.URL_SUFFIX}/${this.userPool.userPoolId}`;

    new CfnOutput(this, 'UserPoolId', { value: this.userPool.userPoolId });
    new CfnOutput(this, 'WebClientId', { value: this.webClient.userPoolClientId });
    new CfnOutput(this, 'Issuer', { value: this.issuer });
  }
}
