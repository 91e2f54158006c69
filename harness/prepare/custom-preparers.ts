/**
 * The competitions whose preparation is code rather than a prepare.yaml row: one module each in
 * `custom/`, all with the same signature, listed in one table. Each module's header says why it
 * does not fit the CSV split.
 */
import type { PrepareContext } from './prepare-context.js';
import { prepareAi4Code } from './custom/AI4Code.js';
import { prepareAlaska2 } from './custom/alaska2-image-steganalysis.js';
import { prepareLyft3d } from './custom/3d-object-detection-for-autonomous-vehicles.js';
import { prepareHandM } from './custom/h-and-m-personalized-fashion-recommendations.js';
import { prepareDogsVsCats } from './custom/dogs-vs-cats-redux-kernels-edition.js';
import { prepareRightWhaleRedux } from './custom/the-icml-2013-whale-challenge-right-whale-redux.js';
import { prepareBmsMolecularTranslation } from './custom/bms-molecular-translation.js';
import { prepareBillionWord } from './custom/billion-word-imputation.js';
import { prepareCassava } from './custom/cassava-leaf-disease-classification.js';
import { prepareChamps } from './custom/champs-scalar-coupling.js';
import { prepareCdiscount } from './custom/cdiscount-image-classification-challenge.js';
import { prepareDenoisingDirtyDocuments } from './custom/denoising-dirty-documents.js';
import { prepareDetectingInsults } from './custom/detecting-insults-in-social-commentary.js';
import { prepareIcecube } from './custom/icecube-neutrinos-in-deep-ice.js';
import { prepareInaturalist2019 } from './custom/inaturalist-2019-fgvc6.js';
import { prepareIwildcam2019 } from './custom/iwildcam-2019-fgvc6.js';
import { prepareIwildcam2020 } from './custom/iwildcam-2020-fgvc7.js';
import { prepareJigsawUnintendedBias } from './custom/jigsaw-unintended-bias-in-toxicity-classification.js';
import { prepareJigsawToxic } from './custom/jigsaw-toxic-comment-classification-challenge.js';
import { HERBARIUM, prepareHerbarium } from './custom/herbarium.js';
import { prepareContrails } from './custom/google-research-identify-contrails-reduce-global-warming.js';
import { prepareHms } from './custom/hms-harmful-brain-activity-classification.js';
import { prepareHubmapKidney } from './custom/hubmap-kidney-segmentation.js';
import { prepareMlspBirds } from './custom/mlsp-2013-birds.js';
import { preparePlantSeedlings } from './custom/plant-seedlings-classification.js';
import { prepareFreesound2019 } from './custom/freesound-audio-tagging-2019.js';
import { prepareMl2021SpringHw2 } from './custom/ml2021spring-hw2.js';
import { prepareMovieReviewSentiment } from './custom/movie-review-sentiment-analysis-kernels-only.js';
import { prepareRandomActsOfPizza } from './custom/random-acts-of-pizza.js';
import { prepareSetiBreakthroughListen } from './custom/seti-breakthrough-listen.js';
import { prepareSiimCovid } from './custom/siim-covid19-detection.js';
import { prepareSiimIsic } from './custom/siim-isic-melanoma-classification.js';
import { prepareUwMadison } from './custom/uw-madison-gi-tract-image-segmentation.js';
import { prepareVinBigData } from './custom/vinbigdata-chest-xray-abnormalities-detection.js';
import { prepareGestures } from './custom/multi-modal-gesture-recognition.js';
import { prepareNflContact } from './custom/nfl-player-contact-detection.js';
import { prepareOsic } from './custom/osic-pulmonary-fibrosis-progression.js';
import { prepareCervicalSpine } from './custom/rsna-2022-cervical-spine-fracture-detection.js';
import { prepareBreastCancer } from './custom/rsna-breast-cancer-detection.js';
import { prepareSmartphoneDecimeter } from './custom/smartphone-decimeter-2022.js';
import { prepareVesuvius } from './custom/vesuvius-challenge-ink-detection.js';
import { prepareVentilator } from './custom/ventilator-pressure-prediction.js';
import { prepareStanfordCovid } from './custom/stanford-covid-vaccine.js';
import { prepareStatoilIceberg } from './custom/statoil-iceberg-classifier-challenge.js';
import { prepareTensorflow2Qa } from './custom/tensorflow2-question-answering.js';
import { prepareWhaleCategorization } from './custom/whale-categorization-playground.js';
import { prepareTensorflowSpeech } from './custom/tensorflow-speech-recognition-challenge.js';
import { prepareTgsSalt } from './custom/tgs-salt-identification-challenge.js';
import { textNormalizationPreparer } from './custom/text-normalization-challenge.js';

export type CustomPreparer = (ctx: PrepareContext) => Promise<void>;

export const CUSTOM_PREPARERS: Readonly<Record<string, CustomPreparer>> = {
  '3d-object-detection-for-autonomous-vehicles': prepareLyft3d,
  AI4Code: (ctx) => prepareAi4Code(ctx),
  'alaska2-image-steganalysis': prepareAlaska2,
  'google-research-identify-contrails-reduce-global-warming': prepareContrails,
  'h-and-m-personalized-fashion-recommendations': prepareHandM,
  'billion-word-imputation': prepareBillionWord,
  'cassava-leaf-disease-classification': prepareCassava,
  'bms-molecular-translation': prepareBmsMolecularTranslation,
  'champs-scalar-coupling': (ctx) => prepareChamps(ctx),
  'cdiscount-image-classification-challenge': prepareCdiscount,
  'denoising-dirty-documents': prepareDenoisingDirtyDocuments,
  'detecting-insults-in-social-commentary': prepareDetectingInsults,
  'dogs-vs-cats-redux-kernels-edition': prepareDogsVsCats,
  'herbarium-2020-fgvc7': (ctx) => prepareHerbarium(ctx, HERBARIUM['2020']),
  'herbarium-2021-fgvc8': (ctx) => prepareHerbarium(ctx, HERBARIUM['2021']),
  'herbarium-2022-fgvc9': (ctx) => prepareHerbarium(ctx, HERBARIUM['2022']),
  'icecube-neutrinos-in-deep-ice': prepareIcecube,
  'inaturalist-2019-fgvc6': prepareInaturalist2019,
  'iwildcam-2019-fgvc6': prepareIwildcam2019,
  'iwildcam-2020-fgvc7': prepareIwildcam2020,
  'freesound-audio-tagging-2019': prepareFreesound2019,
  'hms-harmful-brain-activity-classification': prepareHms,
  'hubmap-kidney-segmentation': prepareHubmapKidney,
  'jigsaw-toxic-comment-classification-challenge': prepareJigsawToxic,
  'jigsaw-unintended-bias-in-toxicity-classification': prepareJigsawUnintendedBias,
  'ml2021spring-hw2': prepareMl2021SpringHw2,
  'mlsp-2013-birds': prepareMlspBirds,
  'plant-seedlings-classification': preparePlantSeedlings,
  'movie-review-sentiment-analysis-kernels-only': prepareMovieReviewSentiment,
  'random-acts-of-pizza': prepareRandomActsOfPizza,
  'seti-breakthrough-listen': prepareSetiBreakthroughListen,
  'siim-covid19-detection': prepareSiimCovid,
  'multi-modal-gesture-recognition': prepareGestures,
  'nfl-player-contact-detection': prepareNflContact,
  'osic-pulmonary-fibrosis-progression': prepareOsic,
  'rsna-2022-cervical-spine-fracture-detection': prepareCervicalSpine,
  'rsna-breast-cancer-detection': prepareBreastCancer,
  'siim-isic-melanoma-classification': prepareSiimIsic,
  'smartphone-decimeter-2022': prepareSmartphoneDecimeter,
  'stanford-covid-vaccine': prepareStanfordCovid,
  'statoil-iceberg-classifier-challenge': prepareStatoilIceberg,
  'tensorflow-speech-recognition-challenge': prepareTensorflowSpeech,
  'tensorflow2-question-answering': prepareTensorflow2Qa,
  'text-normalization-challenge-english-language': textNormalizationPreparer('en'),
  'text-normalization-challenge-russian-language': textNormalizationPreparer('ru'),
  'the-icml-2013-whale-challenge-right-whale-redux': prepareRightWhaleRedux,
  'tgs-salt-identification-challenge': prepareTgsSalt,
  'uw-madison-gi-tract-image-segmentation': prepareUwMadison,
  'ventilator-pressure-prediction': (ctx) => prepareVentilator(ctx),
  'whale-categorization-playground': prepareWhaleCategorization,
  'vinbigdata-chest-xray-abnormalities-detection': prepareVinBigData,
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
