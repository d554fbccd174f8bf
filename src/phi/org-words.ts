// Vocabulary of organisation and address text: generic words that identify nobody on their own.

const set = (s: string): ReadonlySet<string> => new Set(s.split(/\s+/).filter((w) => w.length > 0));

/** Head nouns that on their own mark an institution name ("... Hospital", "... Clinic", "... Memorial"). */
export const STRONG_INSTITUTION_HEADS: ReadonlySet<string> = set(`hospital hospitals clinic clinics center centre memorial
infirmary institute university hospice sanatorium sanitarium polyclinic klinikum klinik hopital ziekenhuis universitario`);

/** Head nouns that end an institution name ("... Community Hospital", "... Medical Clinic"). */
export const INSTITUTION_HEADS: ReadonlySet<string> = set(`hospital hospitals clinic clinics center centre memorial infirmary
institute institution university college healthcare health hospice sanatorium sanitarium radiology imaging
medical polyclinic klinikum klinik hopital ziekenhuis universitario foundation trust associates group practice
services system systems laboratories laboratory lab labs diagnostics`);

/** Words common to institution names that identify nobody on their own. */
export const INSTITUTION_GENERIC: ReadonlySet<string> = set(`and of the at for in & st saint mount mt general regional
community county city state national university college medical center centre clinic clinics hospital hospitals
memorial health healthcare care system systems services service institute institution imaging radiology diagnostic
diagnostics center's children's childrens women's womens mens veterans va university's research teaching district
valley north south east west northern southern eastern western central new old great upper lower united baptist
methodist presbyterian lutheran catholic adventist christian jewish mercy good samaritan sacred heart holy cross
family specialty surgical surgery cancer heart orthopedic orthopaedic rehabilitation rehab pediatric pediatrics
group associates partners practice network foundation trust inc llc ltd pc pa plc co corp corporation department
dept division unit wing building campus main annex outpatient inpatient emergency urgent primary`);

/** Street-type words and abbreviations (USPS Publication 28 suffixes, common subset). */
export const STREET_WORDS: ReadonlySet<string> = set(`street st avenue ave av road rd boulevard blvd lane ln drive dr
court ct way place pl terrace ter circle cir parkway pkwy highway hwy freeway fwy expressway expy trail trl square sq
plaza plz alley aly crossing xing ridge rdg route rte loop pike turnpike tpke trafficway trfy row walk path pass
point pt heights hts hill hills park grove grv gardens gdns manor mnr estates ests view vw vista crescent cres close
mews wharf quay green commons center ctr junction jct station sta harbor hbr haven hvn landing lndg meadow meadows
mdws mill mills mission msn port prt prairie pr ranch rnch spring springs spgs stream strm summit smt valley vly
village vlg ville vl well wells wls suite ste apt apartment unit unt floor fl fl room rm building bldg box po p o
north south east west n s e w ne nw se sw`);

/** United States state and territory codes (USPS). */
export const US_STATES: ReadonlySet<string> = set(`AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN
MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR GU VI AS MP AA AE AP`);
