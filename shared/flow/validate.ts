/** The graph validator; the rules live in `./validate/`, one file per concern. */
export { analyseFlow, validateFlow, type FlowAnalysis } from './validate/index.js';
