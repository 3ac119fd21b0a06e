/**
 * The words of the emails members get. Plain English, short, one clear link; nothing in them that
 * would matter if the wrong person saw it (no equality answers, no other members).
 */
export interface EmailText {
  subject: string;
  text: string;
  template: string;
}

const sign = (partnership: string) => `\n\nThank you,\n${partnership}\n\nIf you did not ask for this, you can ignore this email.`;

export function confirmJoining(name: string, panel: string, partnership: string, url: string): EmailText {
  return {
    template: 'panel-confirm',
    subject: `Confirm you want to join ${panel}`,
    text: `Hello ${name},\n\nThank you for joining ${panel}.\n\nTo finish joining, open this link and press "Confirm":\n${url}\n\nThe link works for 7 days.${sign(partnership)}`,
  };
}

export function alreadyMember(name: string, panel: string, partnership: string, url: string): EmailText {
  return {
    template: 'panel-already-member',
    subject: `You're already a member of ${panel}`,
    text: `Hello ${name},\n\nSomeone (probably you) asked to join ${panel} with this email address. You're already a member, so there's nothing more to do.\n\nTo see or change your details, open this link:\n${url}\n\nThe link works for 24 hours and only once.${sign(partnership)}`,
  };
}

export function signInLink(name: string, panel: string, partnership: string, url: string): EmailText {
  return {
    template: 'member-sign-in',
    subject: `Your link to ${panel}`,
    text: `Hello ${name},\n\nHere is your link to see and change your details for ${panel}:\n${url}\n\nThe link works for 24 hours and only once.${sign(partnership)}`,
  };
}

export function welcomeAssisted(name: string, panel: string, partnership: string, url: string): EmailText {
  return {
    template: 'panel-welcome-assisted',
    subject: `Welcome to ${panel}`,
    text: `Hello ${name},\n\nYou're now a member of ${panel}. Thank you for joining.\n\nYou can see and change your details, and choose to tell us a little about yourself, here:\n${url}\n\nThe link works for 24 hours and only once. You can ask for a new one on our website at any time.${sign(partnership)}`,
  };
}
