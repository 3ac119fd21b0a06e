import { config } from './config.ts';

/**
 * Sends one email: SES in AWS, SMTP to the local mail catcher on a developer's machine.
 * The choice is configuration (MAIL_TRANSPORT); callers never know which.
 */
export interface Mail {
  to: string;
  subject: string;
  text: string;
}

export async function sendMail(mail: Mail): Promise<string> {
  const { MAIL_TRANSPORT, MAIL_FROM, SMTP_HOST, SMTP_PORT, AWS_REGION } = config();
  if (MAIL_TRANSPORT === 'smtp') {
    // Loaded only here so the Lambda bundle (SES) never carries it.
    const nodemailer = await import('nodemailer');
    const transport = nodemailer.createTransport({ host: SMTP_HOST, port: SMTP_PORT, secure: false, ignoreTLS: true });
    const info = await transport.sendMail({ from: MAIL_FROM, to: mail.to, subject: mail.subject, text: mail.text });
    return String(info.messageId);
  }
  const { SESv2Client, SendEmailCommand } = await import('@aws-sdk/client-sesv2');
  const ses = new SESv2Client({ region: AWS_REGION });
  const out = await ses.send(
    new SendEmailCommand({
      FromEmailAddress: MAIL_FROM,
      Destination: { ToAddresses: [mail.to] },
      Content: { Simple: { Subject: { Data: mail.subject, Charset: 'UTF-8' }, Body: { Text: { Data: mail.text, Charset: 'UTF-8' } } } },
    }),
  );
  return out.MessageId ?? 'ses';
}
