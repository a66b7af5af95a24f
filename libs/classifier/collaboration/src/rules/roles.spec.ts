import type { EventType } from '@pharma-radar/contracts';
import { ArticleEntities, defaultGazetteer } from '../entities/extract';
import { partyRoles } from './roles';

function roles(eventType: EventType, ...sentences: string[]): Record<string, string> {
  const ents = new ArticleEntities(defaultGazetteer());
  const analysed = sentences.map((text, i) => ({ text, mentions: ents.extract(text, i).mentions }));
  return Object.fromEntries(partyRoles(analysed, eventType));
}

describe('partyRoles', () => {
  it.each<[EventType, string, Record<string, string>]>([
    ['licensing_with_rd', 'Amgen has granted Kyowa Kirin an exclusive worldwide licence to the antibody.', { Amgen: 'licensor', 'Kyowa Kirin': 'licensee' }],
    ['licensing_with_rd', 'Quillfish Therapeutics Inc. licensed its degrader platform to Novartis for two targets.', { 'Quillfish Therapeutics': 'licensor', Novartis: 'licensee' }],
    ['licensing_with_rd', 'Sanofi gains exclusive rights to the programme from Orvane Biosciences GmbH.', { Sanofi: 'licensee', 'Orvane Biosciences': 'licensor' }],
    ['licensing_with_rd', 'Merck will pay Quillfish Therapeutics $40 million upfront and up to $1 billion in milestones.', { 'Merck & Co.': 'licensee', 'Quillfish Therapeutics': 'licensor' }],
    ['licensing_with_rd', 'Orvane Biosciences is eligible to receive up to $600 million in milestone payments.', { 'Orvane Biosciences': 'licensor' }],
    ['licensing_with_rd', "Takeda has licensed exclusive worldwide rights to Orvane Biosciences' JAK inhibitor programme.", { Takeda: 'licensee', 'Orvane Biosciences': 'licensor' }],
    ['licensing_with_rd', "Eli Lilly has licensed rights outside China to Quillfish Therapeutics's degrader.", { 'Eli Lilly and Company': 'licensee', 'Quillfish Therapeutics': 'licensor' }],
    ['research_collaboration', 'Pfizer will pay the University of Oxford $5 million upfront to fund the work.', { Pfizer: 'funder' }],
    ['consortium', 'The project, funded by the Innovative Medicines Initiative, is led by GSK and Uppsala University.', { 'Innovative Medicines Initiative': 'funder', GSK: 'coordinator', 'Uppsala University': 'coordinator' }],
  ])('should read roles off explicit structure in a %s (%s)', (type, sentence, expected) => {
    expect(roles(type, sentence)).toEqual(expected);
  });

  it('should read a role through a description of a party named earlier', () => {
    expect(roles('licensing_with_rd', 'AstraZeneca licenses an antibody from Quillfish Therapeutics.', 'The pharma giant will pay $20 million upfront.'))
      .toEqual({ AstraZeneca: 'licensee', 'Quillfish Therapeutics': 'licensor' });
  });

  it('should read the passive "is paid ... by" with the payer last', () => {
    expect(roles('licensing_with_rd', 'Quillfish Therapeutics is paid $20 million upfront by Pfizer for an exclusive licence.'))
      .toEqual({ 'Quillfish Therapeutics': 'licensor', Pfizer: 'licensee' });
  });

  it('should not read "make its platform available" as making a payment', () => {
    expect(roles('research_collaboration', 'Quillfish Therapeutics will make its platform available and milestone payments are due later.')).toEqual({});
  });

  it('should give no role when the text states none', () => {
    expect(roles('research_collaboration', 'Pfizer and the University of Oxford will jointly study lung cancer.')).toEqual({});
  });

  it('should drop a role the text contradicts', () => {
    expect(roles('licensing_with_rd', 'Amgen has granted Novartis an exclusive licence.', 'Novartis licensed its platform to Amgen.')).toEqual({});
  });

  it('should not pay a recipient a role outside licensing deals', () => {
    expect(roles('research_collaboration', 'Quillfish Therapeutics will receive $5 million in upfront payments.')).toEqual({});
  });
});
