// Allow-list: clinical, device and label vocabulary that must stay even where it looks like a name or an ID.
import { LABEL_WORDS } from "./labels.js";
import { skeleton } from "./ocr-fold.js";
import { boundedEditDistance } from "./fuzzy.js";
import type { TextView } from "./text-view.js";

/** Orientation and patient-position markers (PS3.3 C.7.6.1.1.1 / C.7.3.1.1.2) and projection labels. */
const ORIENTATION = `l r a p h f s i ap pa lat lateral ll rl lao rao lpo rpo oblique obl hfs ffs hfp ffp hfdr hfdl ffdr ffdl
left right anterior posterior superior inferior medial ant post sup inf dist prox distal proximal cranial caudal
sag sagittal cor coronal ax axial tra transverse trans tran supine prone erect upright semi semi-upright decubitus
standing sitting seated recumbent portable mobile bedside frontal lateral lordotic expiration inspiration
insp exp cephalad caudad view views`;

/** Measurement units and display settings. */
const UNITS = `cm mm um m km hz khz mhz ghz db dbm bpm kv kvp ma mas ms msec sec s min hr hrs hu pct deg degrees mgy cgy gy
mbq mci uci kg lb lbs g mg ml cc l fps cm/s mm/s m/s mmhg cmh2o ctdi ctdivol dlp dap mgycm sv msv fov mat matrix
w wl ww wc window level width center centre wl/ww ww/wl w/l c/w zoom gain depth freq frequency dr dyn range persist
focus focal tgc mi ti tis tib tic prf wf scale cine fr frame frames img im se ser sl ima pixel pixels x %`;

/** Modalities and imaging techniques (PS3.3 C.7.3.1.1.1 defined terms and common names). */
const MODALITIES = `ct mr mri us xr cr dx mg pt pet nm spect rf xa ot sc ecg es io px sr seg reg rtimage rtdose rtstruct rtplan
ultrasound tomography tomo tomosynthesis radiograph radiography fluoroscopy fluoro angiography angio mammography
mammogram mammo echo echocardiogram doppler sonography nuclear scintigraphy dexa dxa bmd cta mra mrv petct
cine bmode b-mode mmode m-mode cfm cfi pw cw pwd color colour power harmonic thi compound sono elastography
linear convex curved phased array sector probe transducer endocavity transvaginal transrectal`;

/** Anatomy and body parts (PS3.16 CID 4 style terms). */
const ANATOMY = `head neck brain skull face orbit orbits sinus sinuses iac temporal facial mandible maxilla dental teeth tmj
spine cervical thoracic lumbar sacral sacrum coccyx cspine tspine lspine chest thorax lung lungs heart cardiac
coronary aorta aortic abdomen abdominal abd pelvis pelvic abdomenpelvis liver hepatic gallbladder biliary pancreas
spleen kidney kidneys renal adrenal ureter ureters bladder prostate uterus ovary ovaries testis scrotum bowel colon
rectum stomach esophagus breast breasts axilla thyroid shoulder arm humerus elbow forearm wrist hand hands finger
fingers thumb hip hips femur knee knees leg legs tibia fibula ankle foot feet toe toes extremity extremities upper
lower whole body bone bones joint joints soft tissue tissues muscle vessel vessels artery arteries vein veins venous
arterial carotid vertebral cerebral vascular lymph node nodes mediastinum pleura pleural diaphragm rib ribs sternum
clavicle scapula pelvis acetabulum heel neck chamber chambers ventricle atrium valve mitral tricuspid`;

/** Words of study, series and protocol descriptions (PS3.15 E "Clean Descriptors" must keep them). */
const DESCRIPTIONS = `w wo w/o with without contrast noncontrast non iv oral enhanced unenhanced plain pre post urogram urography
phase phases parenchymal arterial venous portal delayed excretory nephrographic corticomedullary early late equilibrium
scout localizer localiser topogram surview survey routine protocol series study exam examination image images slice
slices thin thick recon reconstruction reformat reformats mip minip mpr 3d 2d 4d vr vrt volume volumetric helical
spiral sequential standard soft sharp smooth detail kernel filter mode screening diagnostic digital bilateral
unilateral single dual energy multi low high dose limited complete full follow-up followup baseline comparison
cc mlo ml xccl spot mag magnification implant displaced tomo synthesized t1 t2 pd flair dwi adc swi gre fse tse
se ir stir fiesta fiesta-c ssfp bold perfusion diffusion spectroscopy localizer cal calibration fat sat fatsat
water in-phase opposed out-of-phase dynamic gad gadolinium post-gad pre-gad bolus timing test run acq acquisition
primary secondary original derived axial report summary page of total no yes n/a na none unknown other normal
abnormal findings impression history indication clinical technique comparison left right both ap pa lat hip
urinary tract ca carcinoma mass lesion nodule fracture pain trauma stroke pe dvt rule out r/o eval evaluation
cancer tumor tumour staging restaging biopsy guided guidance needle injection drainage angioplasty stent
port grid wise bucky table cassette plate detector collimation marker`;

/** Device, vendor and software vocabulary commonly burned into images. */
const DEVICES = `ge siemens philips toshiba canon hitachi fujifilm fuji agfa kodak carestream hologic samsung mindray esaote
konica minolta varian elekta healthineers medical systems healthcare lightspeed optima revolution discovery signa
somatom sensation definition emotion biograph avanto skyra prisma trio verio aera vida espree magnetom aquilion
brilliance ingenuity ingenia achieva intera acuson sequoia logiq voluson vivid epiq iu22 affiniti selenia dimensions
software version build serial station console workstation pacs ris dicom`;

/** Generic words of overlays and forms. */
const GENERIC = `the a an and or of for to in on at by with from as is are was be this that it its not
dob mrn acc id no number date time age sex gender name patient pt study series image institution hospital
physician referring ref operator technologist tech accession birth born years yrs yr yo y/o old year month
months weeks days day m f o u male female unknown`;

const DEFAULT_TERMS: ReadonlySet<string> = new Set(
  [ORIENTATION, UNITS, MODALITIES, ANATOMY, DESCRIPTIONS, DEVICES, GENERIC]
    .flatMap((block) => block.split(/\s+/))
    .map((w) => w.trim().toLowerCase())
    .filter((w) => w.length > 0)
    .concat([...LABEL_WORDS]),
);

/**
 * The units a number may carry as one word: two letters or more, or "%" (not "045M" or "045W",
 * ages in months and weeks, nor "yrs" or "days": an age is identifying).
 */
const UNIT_TERMS: ReadonlySet<string> = new Set(UNITS.split(/\s+/).filter((w) => w.length >= 2 || w === "%"));

/** Vocabulary that recognizers must not report as PHI on its own. */
export interface AllowList {
  /** True when this single word (any case, trailing punctuation ignored) is allowed. */
  hasWord(word: string): boolean;
  /** True when a word of 7+ letters is one OCR edit away from an allowed word ("SYSTEMZ"). */
  nearWord(word: string): boolean;
  /** True when every letter/digit word of the phrase is allowed (empty phrases count as allowed). */
  coversPhrase(phrase: string): boolean;
}

/** Options of createAllowList: extra terms, terms to drop, or a replacement vocabulary. */
export interface AllowListOptions {
  add?: readonly string[];
  remove?: readonly string[];
  /** Replace the default vocabulary entirely. */
  terms?: readonly string[];
}

/** A number followed by a unit (group 1, one of UNITS), as one word. */
const MEASUREMENT = /^\d+(?:[.,]\d+)?([\p{L}/%]+)$/u;

/** Ultrasound transducer names: one to three letters, then a frequency band in MHz ("S5-1", "L12-5", "IC5-9"). */
const PROBE = /^[a-z]{1,3}\d{1,2}-\d{1,2}[a-z]?$/;

const norm = (w: string): string => w.toLowerCase().replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}/%]+$/gu, "");

/** Builds an allow-list from the default clinical/device/label vocabulary, adjusted by options. */
export function createAllowList(options: AllowListOptions = {}): AllowList {
  const terms = new Set<string>(options.terms ? options.terms.map(norm) : DEFAULT_TERMS);
  for (const t of options.add ?? []) terms.add(norm(t));
  for (const t of options.remove ?? []) terms.delete(norm(t));
  // OCR-tolerant lookup for words of 3+ characters: "PELVlS" and "MEDlCAL" are still allowed.
  const skeletons = new Set([...terms].filter((t) => t.length >= 3).map(skeleton));
  const hasWord = (word: string): boolean => {
    const w = norm(word);
    if (w.length === 0) return true;
    if (terms.has(w)) return true;
    if (w.length >= 3 && /\p{L}/u.test(w) && skeletons.has(skeleton(w))) return true;
    // A measurement: a number with its unit attached ("40Hz", "75mm/s", "3.3cm", "64%").
    const measured = MEASUREMENT.exec(w);
    if (measured && UNIT_TERMS.has(measured[1])) return true;
    // A transducer name: letters, a frequency band ("S5-1", "C5-1", "L12-5").
    if (PROBE.test(w)) return true;
    // Hyphenated or slashed compounds ("Semi-Upright", "W/O") are allowed when every part is.
    const parts = w.split(/[-/]/).filter((p) => p.length > 0);
    return parts.length > 1 && parts.every((p) => terms.has(p));
  };
  const byLength = new Map<number, string[]>();
  for (const sk of skeletons) {
    if (sk.length < 6) continue;
    const list = byLength.get(sk.length) ?? [];
    list.push(sk);
    byLength.set(sk.length, list);
  }
  return {
    hasWord,
    nearWord(word: string): boolean {
      const sk = skeleton(word);
      if (sk.length < 7) return false;
      for (const n of [sk.length - 1, sk.length, sk.length + 1]) {
        for (const cand of byLength.get(n) ?? []) if (boundedEditDistance(sk, cand, 1) <= 1) return true;
      }
      return false;
    },
    coversPhrase(phrase: string): boolean {
      const ws = phrase.match(/[\p{L}\p{N}]+(?:[-/][\p{L}\p{N}]+)*/gu) ?? [];
      return ws.every((w) => hasWord(w) || /^\d+([.,]\d+)?$/.test(w));
    },
  };
}

/**
 * Per token of the view: allowed on its own (or, for 7+ letters, one OCR edit away), as part of an allowed
 * word OCR split in two ("ABDO MEN"), or as an allowed pair OCR merged into one token ("GEMEDICAL").
 */
export function allowedTokens(view: TextView, allowList: AllowList): boolean[] {
  const toks = view.tokens;
  // One allowed word, or two allowed words glued together ("GEMEDICAL").
  const compound = (w: string): boolean => {
    if (allowList.hasWord(w)) return true;
    for (let k = 2; w.length >= 5 && k <= w.length - 2; k++) {
      if (allowList.hasWord(w.slice(0, k)) && allowList.hasWord(w.slice(k))) return true;
    }
    return false;
  };
  const mask = toks.map((t) => allowList.hasWord(t.text) || (t.alpha && (compound(t.lower) || allowList.nearWord(t.resolved))));
  for (let i = 0; i + 1 < toks.length; i++) {
    const a = toks[i];
    const b = toks[i + 1];
    if (mask[i] && mask[i + 1]) continue;
    if (a.line !== b.line || !/^ ?$/.test(view.text.slice(a.end, b.start))) continue;
    if (!(a.alpha && b.alpha) || a.lower.length + b.lower.length < 4) continue;
    if (compound(a.lower + b.lower)) mask[i] = mask[i + 1] = true;
  }
  return mask;
}

/** The default allow-list (shared, immutable). */
export const DEFAULT_ALLOW_LIST: AllowList = createAllowList();
