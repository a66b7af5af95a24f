import { extractFinancialTerms } from './financial';

describe('extractFinancialTerms', () => {
  it('should read a comma before three digits as thousands and any other comma as a decimal point', () => {
    expect(extractFinancialTerms(['Norvax will pay $1,250 million upfront.'])).toMatchObject({ upfront: 1.25e9 });
    expect(extractFinancialTerms(['Kernwerk will receive €1,5 bn upfront.'])).toMatchObject({ upfront: 1.5e9, currency: 'EUR' });
  });

  it('should read upfront, milestones and royalties when a licensing deal lists them', () => {
    const t = extractFinancialTerms(['Under the terms, Orrin will receive $35 million upfront and up to €1.2 billion in development and commercial milestones, plus tiered royalties.']);
    expect(t).toMatchObject({ upfront: 35e6, milestones: 1.2e9, royalties: true, currency: 'USD', undisclosed: false });
    expect(t?.total).toBe(35e6 + 1.2e9);
  });

  it('should treat "upfront and milestone payments" as a total when one figure covers both', () => {
    expect(extractFinancialTerms(['Brisk will be eligible for as much as $310 million in upfront and milestone payments.'])).toMatchObject({ total: 310e6 });
  });

  it('should mark undisclosed when the release says terms were not disclosed', () => {
    expect(extractFinancialTerms(['Financial terms of the agreement were not disclosed.'])).toMatchObject({ undisclosed: true });
    expect(extractFinancialTerms(['The companies did not disclose the financial terms.'])).toMatchObject({ undisclosed: true });
  });

  it('should not mistake an "undisclosed partner" for undisclosed terms', () => {
    expect(extractFinancialTerms(['Acme signed with an undisclosed Asian drugmaker.'])).toBeNull();
  });

  it('should skip a currency conversion in parentheses when it follows the amount', () => {
    expect(extractFinancialTerms(['The 85 million euro ($92 million) programme will run six years.'])).toMatchObject({ total: 85e6, currency: 'EUR' });
  });

  it('should read an initial payment and a deal value when the headline style is used', () => {
    expect(extractFinancialTerms(['Kestrel gets an initial $18 million and could earn $620 million more in milestones over time.']))
      .toMatchObject({ upfront: 18e6, milestones: 620e6 });
    expect(extractFinancialTerms(['Lilly inks drug discovery deal valued at up to $2B.'])).toMatchObject({ total: 2e9 });
  });

  it('should return null when nothing about money is said', () => {
    expect(extractFinancialTerms(['The partners will study lung fibrosis.'])).toBeNull();
  });
});
