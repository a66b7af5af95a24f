// Invented announcements for the delivery chaos run and the alert latency bench: each names a company no other
// lead names, so each is its own collaboration (the syndication index never joins two of them) and a delivery
// can be traced back to its lead by that name. Written for this repo; no text comes from ../shared.
const SYLLABLES = ['vor', 'tal', 'quen', 'bri', 'sol', 'mar', 'dex', 'lun', 'cor', 'pha', 'zen', 'ori', 'kel', 'nav', 'tri', 'gal'];

/** A capitalised made-up word, distinct for each i (base-16 digits as syllables). */
function coinedName(i) {
  let n = i + 16 * 16; // at least three syllables
  let word = '';
  while (n > 0) {
    word += SYLLABLES[n % 16];
    n = Math.floor(n / 16);
  }
  return word[0].toUpperCase() + word.slice(1);
}

const PARTNERS = ['the University of Oslo', 'the Karolinska Institute', 'the University of Toronto', 'Kyoto University', 'the Broad Institute', 'ETH Zurich'];
const AREAS = ['kidney fibrosis', 'glioblastoma', 'rheumatoid arthritis', 'heart failure', 'tuberculosis', 'Parkinson\'s disease'];

/** Lead i: `company` is the unique name its alerts carry. */
function lead(i) {
  const company = `${coinedName(i)} Therapeutics`;
  const partner = PARTNERS[i % PARTNERS.length];
  const area = AREAS[Math.floor(i / PARTNERS.length) % AREAS.length];
  return {
    company,
    title: `${company} and ${partner} sign research collaboration on ${area}`,
    text: `${company} and ${partner} today announced a research collaboration to discover new drug targets in ${area}. `
      + `Under the agreement, scientists from both organisations will jointly run target-validation studies over three years. `
      + `Financial terms were not disclosed.`,
  };
}

/** An ordinary item of the same stream, not a deal: earnings, a trial readout or a hire. */
function otherNews(i) {
  const company = `${coinedName(i)} Biosciences`;
  const kind = i % 3;
  if (kind === 0) return { company, title: `${company} reports higher third-quarter revenue`, text: `${company} said revenue rose 7% in the third quarter, helped by sales of its allergy medicines. The company kept its outlook for the year.` };
  if (kind === 1) return { company, title: `${company} phase 2 trial meets primary endpoint`, text: `${company} said its phase 2 trial of an oral drug for psoriasis met its primary endpoint. Full results will be presented at a medical meeting.` };
  return { company, title: `${company} appoints new chief financial officer`, text: `${company} named a new chief financial officer, effective next month. She joins from a contract research organisation.` };
}

/** The unique company name a rendered alert mentions, or null. */
function companyIn(text) {
  const m = /\b([A-Z][a-z]+) Therapeutics\b/.exec(text);
  return m ? `${m[1]} Therapeutics` : null;
}

module.exports = { lead, otherNews, companyIn, coinedName };
