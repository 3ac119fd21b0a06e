import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { addParentVoice } from '../lib/parent-voice.ts';

const app = new App();

// CDK's built-in CloudFormation schema check costs ~8 s a synth on this machine; run it with
// `-c cfnValidation=true` (npm run check -w cdk) before a deploy rather than on every synth.
if (String(app.node.tryGetContext('cfnValidation')) !== 'true') process.env.CDK_VALIDATION = 'false';

addParentVoice(app);
// Every finding fails the synth unless it is acknowledged in code, next to the resource, with a reason.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
app.synth();
