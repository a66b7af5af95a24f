import { isGenericName, isLegalFormOnly, nameShapeProblem } from './name-shape';

describe('nameShapeProblem', () => {
  it.each([
    ['Co.', 'legal-form'],
    ['Limited', 'legal-form'],
    ['Pte. Ltd.', 'legal-form'],
    ['Holding', 'generic'],
    ['Innovation', 'generic'],
    ['Research Foundation', 'generic'],
    ['Health System', 'generic'],
    ['Institute of Applied Cancer Science', 'generic'],
    ["Children's Hospital", 'generic'],
    ['Head of the Pharmaceuticals', 'person-title'],
    ['Member of the Board of Quorvane', 'person-title'],
    ['Memorandum of Association', 'document'],
  ])('should reject "%s" as %s', (name, problem) => {
    expect(nameShapeProblem(name)).toBe(problem);
  });

  it.each([
    'Ministry of Health', 'Department of Science and Technology', 'National Institute of Infectious Diseases', 'Tarnwick University',
    'Quorvane Pharma', 'Halvorsen Medical', 'Partner Therapeutics', 'Lead Pharma',
  ])('should accept "%s"', (name) => {
    expect(nameShapeProblem(name)).toBeNull();
  });

  it('should tell a legal form alone from a name that carries one', () => {
    expect(isLegalFormOnly('Inc.')).toBe(true);
    expect(isLegalFormOnly('Brisk Labs Inc.')).toBe(false);
  });

  it('should call a name generic only when no word in it says which organisation it is', () => {
    expect(isGenericName('Research Institute for Microbial Diseases')).toBe(true);
    expect(isGenericName('Ostrander Research Institute')).toBe(false);
  });
});
