/**
 * Panel meetings and invitations. A meeting lives in its panel's partition (list a panel's meetings
 * in one Query); its invitations live in the meeting's own partition (list who was invited, their
 * replies and attendance in one Query). A member's own invitations are found from the meeting ids
 * kept on the member item.
 *
 * | access pattern                   | key                                                     | used by                      |
 * |----------------------------------|---------------------------------------------------------|------------------------------|
 * | get a meeting                    | PK = TENANT#t#PANEL#p, SK = MEETING#mt                  | meeting pages                |
 * | a panel's meetings               | PK = TENANT#t#PANEL#p, SK begins_with MEETING#          | panel page                   |
 * | an invitation                    | PK = TENANT#t#MEETING#mt, SK = INVITE#m                 | reply, attendance            |
 * | a meeting's invitations          | PK = TENANT#t#MEETING#mt, SK begins_with INVITE#        | meeting page, attendance     |
 */
export const meetingKeys = {
  meetingsPartition: (t: string, p: string) => `TENANT#${t}#PANEL#${p}`,
  meeting: (t: string, p: string, mt: string) => ({ PK: `TENANT#${t}#PANEL#${p}`, SK: `MEETING#${mt}` }),
  meetingPrefix: 'MEETING#',
  invitationsPartition: (t: string, mt: string) => `TENANT#${t}#MEETING#${mt}`,
  invitation: (t: string, mt: string, m: string) => ({ PK: `TENANT#${t}#MEETING#${mt}`, SK: `INVITE#${m}` }),
  invitationPrefix: 'INVITE#',
};
