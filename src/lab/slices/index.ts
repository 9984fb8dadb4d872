import { registerSlice } from '../document';
import { configSlice } from './config';
import { resultsSlice } from './results';
import { studySlice } from './study';
import { selectionSlice } from './selection';
import { fusionSlice } from './fusion';
import { imagesSlice } from './images';
import { ownModelSlice } from './ownModel';
import { classMarkSlice } from './classMark';
import { boardSlice } from './board';
import { classSeatSlice } from './classSeat';

/**
 * Every slice of the lab's documents, once, in the order a document is restored: the config
 * first (everything is read against it), the images before an own model is loaded again.
 */
registerSlice(configSlice);
registerSlice(resultsSlice);
registerSlice(studySlice);
registerSlice(selectionSlice);
registerSlice(fusionSlice);
registerSlice(imagesSlice);
registerSlice(ownModelSlice);
registerSlice(classMarkSlice);
registerSlice(boardSlice);
registerSlice(classSeatSlice);
