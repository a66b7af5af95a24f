import { withoutBoilerplate } from './boilerplate';

const lead = 'DUBLIN -- Corvane Pharmaceuticals today announced an exclusive licence to orexin agonists from the University of Leeds, with a joint research programme to optimise them for narcolepsy over three years.';

describe('withoutBoilerplate', () => {
  it.each([
    [`${lead} About Corvane Pharmaceuticals: Corvane has collaborated with partners including Zymeworks.`],
    [`${lead} This release contains forward-looking statements within the meaning of the Act.`],
    [`${lead}\nAbout the University of Leeds\nThe university has partnerships with Pfizer.`],
    [`${lead} Forward-Looking Statements: statements in this release ...`],
    [`${lead} Media contacts: press@corvane.example`],
  ])('should cut the release where its boilerplate starts (%#)', (text) => {
    expect(withoutBoilerplate(text)).toBe(lead);
  });

  it('should keep a text without boilerplate, and never cut its opening', () => {
    expect(withoutBoilerplate(lead)).toBe(lead);
    const opening = 'About 40 companies have joined the consortium, the organisers said on Monday.';
    expect(withoutBoilerplate(opening)).toBe(opening);
  });

  it('should not cut at "about" inside a sentence', () => {
    const text = `${lead} The deal is worth about $40 million. Shares rose about 5%: investors welcomed it.`;
    expect(withoutBoilerplate(text)).toBe(text);
  });
});
