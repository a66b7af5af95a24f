import type { Party } from '@pharma-radar/contracts';
import { rdEventType } from './event-type';

const companies: Party[] = [{ name: 'Halden Bio', type: 'biotech' }, { name: 'Corvane Pharma', type: 'pharma' }];

describe('rdEventType', () => {
  it('should call a licence licensing_with_rd when the licensee takes on development', () => {
    expect(rdEventType('Corvane Pharma licenses Halden Bio antibody and will develop it in lupus', [], companies)).toBe('licensing_with_rd');
  });

  it('should call joint development and commercialisation co_development even in a licensing deal', () => {
    expect(rdEventType('Corvane Pharma reaches licensing deal with Halden Bio to jointly develop and commercialize an antibody', [], companies)).toBe('co_development');
  });

  it('should not read an option to extend the agreement as a licence option', () => {
    expect(rdEventType('Corvane Pharma and Halden Bio sign research agreement; Corvane has an option to extend the research term', [], companies))
      .toBe('research_collaboration');
  });

  it('should call three or more organisations in one programme a consortium', () => {
    expect(rdEventType('Seven universities and three companies form consortium on antibiotic discovery', [], [
      ...companies, { name: 'University of Tromsø', type: 'academic' },
    ])).toBe('consortium');
  });

  it('should call a deal with a university research_collaboration when nothing says licence or co-development', () => {
    expect(rdEventType('Halden Bio and Norrland University to study kidney fibrosis', [], [companies[0], { name: 'Norrland University', type: 'academic' }]))
      .toBe('research_collaboration');
  });
});
