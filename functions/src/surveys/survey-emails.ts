import { dayText } from '@pv/shared/dates';
import type { EmailText } from '../panels/panel-emails.ts';

/** The words of survey emails: short, one link, nothing that matters if the wrong person reads it. */

const longDate = (day: string) => dayText(day);

const sign = (partnership: string) => `\n\nThank you,\n${partnership}`;

export function invitationEmail(name: string, title: string, closesOn: string, partnership: string, url: string, anonymous: boolean): EmailText {
  return {
    template: 'survey-invitation',
    subject: `Please tell us what you think: ${title}`,
    text:
      `Hello ${name},\n\nAs a member of our parent-carer panel, we would like to hear what you think in a short survey: ${title}.\n\n` +
      `Open this link to answer:\n${url}\n\n` +
      `The link is just for you. You can stop and come back to it with the same link until the survey closes on ${longDate(closesOn)}.` +
      (anonymous ? ' Your answers are anonymous: we will not know which answers are yours.' : '') +
      sign(partnership),
  };
}

export function reminderEmail(name: string, title: string, closesOn: string, partnership: string, url: string): EmailText {
  return {
    template: 'survey-reminder',
    subject: `Reminder: ${title} closes on ${longDate(closesOn)}`,
    text:
      `Hello ${name},\n\nThere is still time to answer our survey: ${title}. It closes on ${longDate(closesOn)}.\n\n` +
      `Open this link to answer (it keeps any answers you have saved):\n${url}` +
      sign(partnership),
  };
}

export function resumeLinkEmail(title: string, closesOn: string, partnership: string, url: string): EmailText {
  return {
    template: 'survey-resume',
    subject: `Your saved answers: ${title}`,
    text:
      `Here is the link to carry on with the survey ${title}:\n${url}\n\n` +
      `Your answers are saved for 30 days, or until the survey closes on ${longDate(closesOn)}. Anyone with this link can see and change them, so please don't share it.` +
      `\n\nIf you did not ask for this, you can ignore this email.` +
      sign(partnership),
  };
}
