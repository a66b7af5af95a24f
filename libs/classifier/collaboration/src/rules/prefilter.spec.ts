import { mayAnnounceCollaboration, PREFILTER_CHARS } from './prefilter';

describe('mayAnnounceCollaboration', () => {
  it('should let ordinary news out when neither headline nor text has a deal word', () => {
    expect(mayAnnounceCollaboration('Pfizer beats estimates on strong quarter', 'Paxlovid sales rose 12% in the quarter.')).toBe(false);
  });

  it('should pass text whose headline or body uses deal vocabulary', () => {
    expect(mayAnnounceCollaboration('Merck and Moderna team up on cancer vaccine', '')).toBe(true);
    expect(mayAnnounceCollaboration('A new chapter in oncology', 'The two companies signed a research agreement today.')).toBe(true);
  });

  it('should read only the opening of a long page, so a tail of related stories does not open the gate', () => {
    const filler = 'The weather was mild and the markets were quiet. '.repeat(Math.ceil(PREFILTER_CHARS / 40));
    expect(mayAnnounceCollaboration('Local news', `${filler} Related: two firms sign a licensing deal.`)).toBe(false);
    expect(mayAnnounceCollaboration('Local news', `Two firms sign a licensing deal. ${filler}`)).toBe(true);
  });
});
