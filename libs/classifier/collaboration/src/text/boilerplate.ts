/**
 * Where a press release's own news ends: its "About <Company>" sections, forward-looking-statement disclaimers and
 * media contacts. What follows names older partners and investors ("Jazz has collaborated with Zymeworks ..."),
 * which are not parties to the news. The first 200 characters are never cut, so a headline-like "About ..." opening stays.
 */
const BOILERPLATE = /(?:(?<=[.!?"”)])\s+|\n\s*)(?=About (?:the )?[A-Z][^\n:.]{1,80}(?::|\n)|This (?:press )?(?:release|announcement) contains|Forward[- ][Ll]ooking [Ss]tatements?\b|Cautionary (?:Note|Statement)|Safe Harbou?r|Media [Cc]ontacts?:|Investor [Cc]ontacts?:)/;

export function withoutBoilerplate(text: string): string {
  if (text.length <= 200) return text;
  const m = BOILERPLATE.exec(text.slice(200));
  return m ? text.slice(0, 200 + m.index) : text;
}
