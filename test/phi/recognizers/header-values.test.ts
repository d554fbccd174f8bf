import { test } from "node:test";
import assert from "node:assert/strict";
import { janeDoeContext, covered, untouched } from "../helpers.js";

const only = { recognizers: ["header"] };

const found: Array<[string, string, string]> = [
  // [what, text, the part that must be flagged]
  ["the name as stored without the caret", "Name: DOE JANE", "DOE JANE"],
  ["the name given-first in title case", "Seen: Jane Doe today", "Jane Doe"],
  ["the name as 'FAMILY, Initial'", "Doe, J", "Doe, J"],
  ["initials with the family name", "J. Q. Doe", "J. Q. Doe"],
  ["the name with OCR errors", "D0E JAN3 x", "D0E"],
  ["a long name with one OCR error", "ref R1CHARD R0E", "R1CHARD R0E"],
  ["the name merged into one word", "DOEJANE", "DOEJANE"],
  ["the family name glued to a label", "Name:DOE", "DOE"],
  ["the ID with separators", "MRN 481-720-3956", "481-720-3956"],
  ["the ID with OCR letters for digits", "4817Z03956", "4817Z03956"],
  ["the ID split by OCR", "48172 03956", "48172 03956"],
  ["the accession number", "Acc 77A31904", "77A31904"],
  ["the birth date US style", "DOB 03/15/1945", "03/15/1945"],
  ["the birth date unpadded", "born 3/15/1945", "3/15/1945"],
  ["the birth date ISO", "1945-03-15", "1945-03-15"],
  ["the birth date European dotted", "15.03.1945", "15.03.1945"],
  ["the birth date compact", "19450315", "19450315"],
  ["the birth date with a month name", "15-MAR-1945", "15-MAR-1945"],
  ["the study date year first", "2001 Sep 11", "2001 Sep 11"],
  ["the study date month first", "Sep 11, 2001", "Sep 11, 2001"],
  ["the study date with a two-digit year", "09/11/01", "09/11/01"],
  ["the study date with O for 0", "O9/11/2OO1", "O9/11/2OO1"],
  ["the age with a unit", "56 yrs", "56 yrs"],
  ["the age as DICOM AS", "056Y", "056Y"],
  ["the age after its label", "Age: 56", "56"],
  ["the phone number", "call 555 203 4417", "555 203 4417"],
  ["the institution", "Quillfeather, Brandt and Osei Community Hospital", "Quillfeather, Brandt and Osei Community Hospital"],
  ["a distinctive institution word", "at Quillfeather", "Quillfeather"],
  ["the street line of the address", "48 Larkspur Trafficway", "48 Larkspur"],
  ["the station name", "CTSTATION7", "CTSTATION7"],
  ["a full name whose first letter OCR lost at the line start", "ICHARD ROE", "ICHARD ROE"],
  ["a date with one stray digit", "22001 Sep 11", "22001 Sep 11"],
  ["a cut institution word next to a whole one", "uillfeathar, Brandt", "uillfeathar"],
];
for (const [what, text, part] of found) {
  test(`when the text holds ${what} then the header recognizer flags it`, () => {
    assert.equal(covered(text, part, janeDoeContext(), only), true);
  });
}

const kept: Array<[string, string, string]> = [
  ["a bare number equal to the age without an age cue", "Series 56", "56"],
  ["an allow-listed word one edit from a name", "Scout view", "Scout"],
  ["a label next to a name", "Name: DOE JANE", "Name"],
  ["the sex code as an orientation marker", "F", "F"],
  ["another date", "04/16/1997", "04/16/1997"],
  ["a generic institution word", "Community", "Community"],
  ["a label before a name that could end a longer name", "Name: ROE", "Name"],
  ["a short cut word with an OCR error on its own", "x\nlfeathar", "lfeathar"],
];
for (const [what, text, part] of kept) {
  test(`when the text holds ${what} then the header recognizer leaves it`, () => {
    assert.equal(untouched(text, part, janeDoeContext(), only), true);
  });
}
