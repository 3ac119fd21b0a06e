import { redirect } from '@sveltejs/kit';
import type { Consultation } from '@pv/shared/consultation.schema';
import type { FormValues } from '$lib/form-errors';
import { consultationOptions, consultationValues, readConsultationForm } from '$lib/server/consultation-form';
import { formText, save, versioned } from '$lib/server/forms';
import { consultationIdOf, officerContext, orFail } from '$lib/server/officer';
import { theirVersion } from '$lib/server/their-version';
import { dateInWords } from '$lib/words';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
  const { client, tenantId } = officerContext(locals, url);
  const id = consultationIdOf(params.consultation);
  const { consultation } = await orFail(client.consultation(tenantId, id), url);
  return {
    id,
    title: consultation.title,
    values: consultationValues(consultation),
    version: consultation.version,
    options: await consultationOptions(client, tenantId, url, consultation),
  };
};

type Options = Awaited<ReturnType<typeof consultationOptions>>;

/** Someone saved first: what they saved, as rows. */
function conflict(theirs: Consultation, options: Options, values: FormValues) {
  const names = (chosen: string[], list: { value: string; label: string }[]) =>
    chosen.map((id) => list.find((o) => o.value === id)?.label ?? id).join(', ') || 'None';
  return theirVersion(values, theirs, [
    { key: 'Title', value: theirs.title },
    { key: 'Summary', value: theirs.summary },
    { key: 'Why we are asking', value: theirs.whyAsking },
    { key: 'What can change', value: theirs.canChange },
    { key: 'What can’t change', value: theirs.cannotChange || 'Not given' },
    { key: 'Priorities', value: names(theirs.priorityIds, options.priorities) },
    { key: 'Family Hub networks', value: names(theirs.networkIds, options.networks) },
    { key: 'Surveys', value: names(theirs.surveyIds, options.surveys) },
    { key: 'Opens on', value: dateInWords(theirs.opensOn) },
    { key: 'Closes on', value: dateInWords(theirs.closesOn) },
  ]);
}

export const actions: Actions = {
  default: async ({ request, locals, url, params }) => {
    const { client, tenantId } = officerContext(locals, url);
    const id = consultationIdOf(params.consultation);
    const form = await request.formData();
    const saved = await save(versioned(form, readConsultationForm(form)), ({ version, ...input }) => client.updateConsultation(tenantId, id, version, input), {
      url,
      keep: { version: formText(form, 'version') },
      onConflict: async (stored, values) => {
        const theirs = stored as Consultation;
        return conflict(theirs, await consultationOptions(client, tenantId, url, theirs), values);
      },
    });
    if (!saved.ok) return saved.failure;
    redirect(303, `/officer/consultations/${id}?saved=1`);
  },
};
