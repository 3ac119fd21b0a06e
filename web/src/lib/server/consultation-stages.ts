import { consultationStageLabels, consultationStages, nextStage, type ConsultationStage, type StageChange } from '@pv/shared/consultation.schema';

/**
 * A consultation's stages in the officer pages: the stage as a tag, its dated timeline, and the one
 * button that moves it on (with what that means for families). Worked out on the server so the
 * pages' scripts don't carry the schemas.
 */

const tagColours: Record<ConsultationStage, 'grey' | 'yellow' | 'green' | 'blue'> = {
  draft: 'yellow',
  open: 'green',
  closed: 'grey',
  analysing: 'blue',
  reported: 'grey',
};

export function stageTag(stage: ConsultationStage) {
  return { text: consultationStageLabels[stage], colour: tagColours[stage] };
}

/** Every stage, in order, with the day it began (none for stages not reached yet). */
export function timelineSteps(timeline: StageChange[]) {
  return consultationStages.map((stage) => ({ stage, label: consultationStageLabels[stage], on: timeline.find((t) => t.stage === stage)?.on }));
}

const moves: Record<Exclude<ConsultationStage, 'draft'>, { button: string; explain: string; done: string }> = {
  open: {
    button: 'Open the consultation',
    explain: 'Families will see it on the partnership’s consultations page, and you can start logging conversations.',
    done: 'The consultation is open. Families can see it on the consultations page.',
  },
  closed: {
    button: 'Close the consultation',
    explain: 'Families will see that it has closed. You can still log conversations that took place while it was open.',
    done: 'The consultation is closed.',
  },
  analysing: {
    button: 'Start analysing',
    explain: 'Families will see that you are looking at what they told you.',
    done: 'You are now analysing what families said. Their page shows this.',
  },
  reported: {
    button: 'Mark as reported',
    explain: 'Do this once you have told families what you heard and what you are doing about it. It finishes the consultation: no more conversations can be logged.',
    done: 'The consultation is marked as reported back. It is finished.',
  },
};

/** The next step for a consultation at this stage, or none when it has reported back. */
export function nextMove(stage: ConsultationStage) {
  const next = nextStage[stage];
  return next ? { stage: next, ...moves[next as Exclude<ConsultationStage, 'draft'>] } : undefined;
}

/** What the success banner says after moving to a stage. */
export function movedTo(stage: string): string | undefined {
  return Object.hasOwn(moves, stage) ? moves[stage as keyof typeof moves].done : undefined;
}

/** Conversations can be logged while a consultation is open, closed or being analysed (as the API allows). */
export const takesConversations = (stage: ConsultationStage) => stage === 'open' || stage === 'closed' || stage === 'analysing';
