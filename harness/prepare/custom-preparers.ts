/**
 * The competitions whose preparation is code rather than a prepare.yaml row: one module each in
 * `custom/`, all with the same signature, listed in one table. Each module's header says why it
 * does not fit the CSV split.
 */
import type { PrepareContext } from './prepare-context.js';
import { prepareAi4Code } from './custom/AI4Code.js';
import { prepareLyft3d } from './custom/3d-object-detection-for-autonomous-vehicles.js';
import { prepareHandM } from './custom/h-and-m-personalized-fashion-recommendations.js';
import { prepareDogsVsCats } from './custom/dogs-vs-cats-redux-kernels-edition.js';
import { prepareRightWhaleRedux } from './custom/the-icml-2013-whale-challenge-right-whale-redux.js';
import { prepareBillionWord } from './custom/billion-word-imputation.js';
import { prepareChamps } from './custom/champs-scalar-coupling.js';
import { prepareDenoisingDirtyDocuments } from './custom/denoising-dirty-documents.js';
import { prepareDetectingInsults } from './custom/detecting-insults-in-social-commentary.js';
import { prepareJigsawUnintendedBias } from './custom/jigsaw-unintended-bias-in-toxicity-classification.js';
import { prepareJigsawToxic } from './custom/jigsaw-toxic-comment-classification-challenge.js';
import { prepareContrails } from './custom/google-research-identify-contrails-reduce-global-warming.js';
import { prepareHms } from './custom/hms-harmful-brain-activity-classification.js';
import { prepareHubmapKidney } from './custom/hubmap-kidney-segmentation.js';
import { prepareMlspBirds } from './custom/mlsp-2013-birds.js';
import { prepareRandomActsOfPizza } from './custom/random-acts-of-pizza.js';
import { prepareGestures } from './custom/multi-modal-gesture-recognition.js';
import { prepareNflContact } from './custom/nfl-player-contact-detection.js';
import { prepareOsic } from './custom/osic-pulmonary-fibrosis-progression.js';
import { prepareCervicalSpine } from './custom/rsna-2022-cervical-spine-fracture-detection.js';
import { prepareBreastCancer } from './custom/rsna-breast-cancer-detection.js';
import { prepareSmartphoneDecimeter } from './custom/smartphone-decimeter-2022.js';
import { prepareSiimIsic } from './custom/siim-isic-melanoma-classification.js';
import { prepareVesuvius } from './custom/vesuvius-challenge-ink-detection.js';
import { prepareVentilator } from './custom/ventilator-pressure-prediction.js';
import { prepareStanfordCovid } from './custom/stanford-covid-vaccine.js';
import { prepareTensorflow2Qa } from './custom/tensorflow2-question-answering.js';
import { textNormalizationPreparer } from './custom/text-normalization-challenge.js';

export type CustomPreparer = (ctx: PrepareContext) => Promise<void>;

export const CUSTOM_PREPARERS: Readonly<Record<string, CustomPreparer>> = {
  '3d-object-detection-for-autonomous-vehicles': prepareLyft3d,
  AI4Code: (ctx) => prepareAi4Code(ctx),
  'google-research-identify-contrails-reduce-global-warming': prepareContrails,
  'h-and-m-personalized-fashion-recommendations': prepareHandM,
  'billion-word-imputation': prepareBillionWord,
  'champs-scalar-coupling': (ctx) => prepareChamps(ctx),
  'denoising-dirty-documents': prepareDenoisingDirtyDocuments,
  'detecting-insults-in-social-commentary': prepareDetectingInsults,
  'dogs-vs-cats-redux-kernels-edition': prepareDogsVsCats,
  'hms-harmful-brain-activity-classification': prepareHms,
  'hubmap-kidney-segmentation': prepareHubmapKidney,
  'jigsaw-toxic-comment-classification-challenge': prepareJigsawToxic,
  'jigsaw-unintended-bias-in-toxicity-classification': prepareJigsawUnintendedBias,
  'mlsp-2013-birds': prepareMlspBirds,
  'multi-modal-gesture-recognition': prepareGestures,
  'nfl-player-contact-detection': prepareNflContact,
  'osic-pulmonary-fibrosis-progression': prepareOsic,
  'random-acts-of-pizza': prepareRandomActsOfPizza,
  'rsna-2022-cervical-spine-fracture-detection': prepareCervicalSpine,
  'rsna-breast-cancer-detection': prepareBreastCancer,
  'siim-isic-melanoma-classification': prepareSiimIsic,
  'smartphone-decimeter-2022': prepareSmartphoneDecimeter,
  'stanford-covid-vaccine': prepareStanfordCovid,
  'tensorflow2-question-answering': prepareTensorflow2Qa,
  'text-normalization-challenge-english-language': textNormalizationPreparer('en'),
  'text-normalization-challenge-russian-language': textNormalizationPreparer('ru'),
  'the-icml-2013-whale-challenge-right-whale-redux': prepareRightWhaleRedux,
  'ventilator-pressure-prediction': (ctx) => prepareVentilator(ctx),
  'vesuvius-challenge-ink-detection': prepareVesuvius,
};

export function customPreparer(id: string): CustomPreparer {
  const preparer = CUSTOM_PREPARERS[id];
  if (preparer === undefined) {
    throw new Error(
      `${id}: prepare.yaml says strategy: custom, but harness/prepare/custom-preparers.ts lists no module for it`,
    );
  }
  return preparer;
}
