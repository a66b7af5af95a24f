import { explainFeature } from './explain';
import WEIGHTS from './weights.json';

describe('explainFeature', () => {
  it('should compose a cue family and its place', () => {
    expect(explainFeature('cue:new_joint_work@lead')).toBe('new joint work, in the opening');
    expect(explainFeature('t:licensing')).toBe('a licence or option, in the headline');
  });

  it('should show masked words of a sentence with their masks spelled out', () => {
    expect(explainFeature('tw:ORG_inks')).toBe('headline words "[organisation] inks"');
  });

  it('should read the structured names of the rules', () => {
    expect(explainFeature('doc:title_and_body_agree')).toBe('headline and body agree');
    expect(explainFeature('title:neg_acquisition')).toBe('acquisition in the headline');
    expect(explainFeature('body:past_deals_1')).toBe('1 past-deal sentences in the body');
  });

  it('should keep an unknown feature as its name', () => {
    expect(explainFeature('novel:thing')).toBe('novel:thing');
  });

  it('should give every weighted feature but word n-grams a label other than its own name', () => {
    const unlabelled = Object.keys(WEIGHTS.model.weights).filter((f) => !/^(?:tw|sw|ew):/.test(f) && explainFeature(f) === f);
    expect(unlabelled).toEqual([]);
  });
});
