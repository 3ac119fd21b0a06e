import { dayWithWeekday } from '@pv/shared/dates';
import { meetingFormatLabels, supportLabels, type Meeting } from '@pv/shared/panel.schema';

export function meetingInvitation(name: string, panel: string, partnership: string, meeting: Meeting, where: string, url: string) {
  const when = dayWithWeekday(meeting.date);
  const support = meeting.supportOffered.length
    ? `\n\nWe can offer: ${meeting.supportOffered.map((s) => supportLabels[s].toLowerCase()).join(', ')}. Tell us what you need when you reply.`
    : '';
  return {
    template: 'meeting-invitation',
    subject: `You're invited: ${meeting.title}`,
    text:
      `Hello ${name},\n\n${panel} is meeting on ${when} at ${meeting.time}.\n\n` +
      `${meetingFormatLabels[meeting.format]}${where ? `: ${where}` : ''}${support}\n\n` +
      `Please tell us if you can come:\n${url}\n\nThe link works for 24 hours and only once; after that you can ask for a new link on our website.\n\nThank you,\n${partnership}`,
  };
}
