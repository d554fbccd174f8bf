/**
 * The attributes that decide how one frame is displayed: modality transform, VOI transform
 * and presentation shape, looked up in the frame's functional groups first (PS3.3 C.7.6.16)
 * and then at the top level of the dataset.
 */
import type { Dataset } from "../../core/dataset.js";
import { tag, type Tag } from "../../core/tag.js";
import { getNumbers, getText } from "../../dataset/values.js";
import { type LookupTable, readLutItem } from "./lut.js";

const T = {
  sharedGroups: tag(0x5200, 0x9229),
  perFrameGroups: tag(0x5200, 0x9230),
  pixelValueTransformation: tag(0x0028, 0x9145),
  frameVoiLut: tag(0x0028, 0x9132),
  modalityLut: tag(0x0028, 0x3000),
  voiLut: tag(0x0028, 0x3010),
  windowCenter: tag(0x0028, 0x1050),
  windowWidth: tag(0x0028, 0x1051),
  voiLutFunction: tag(0x0028, 0x1056),
  rescaleIntercept: tag(0x0028, 0x1052),
  rescaleSlope: tag(0x0028, 0x1053),
  presentationLutShape: tag(0x2050, 0x0020),
};

/** VOI LUT Function (0028,1056) values (PS3.3 C.11.2.1.3). */
export type VoiFunction = "LINEAR" | "LINEAR_EXACT" | "SIGMOID";

/** A window: centre, width and the function that maps through it (PS3.3 C.11.2.1.2). */
export interface Window {
  center: number;
  width: number;
  function?: VoiFunction;
}

/** How stored values of one grayscale frame become presentation values. */
export interface FrameDisplay {
  /** Modality LUT (0028,3000), which takes precedence over rescale when present (PS3.3 C.11.1). */
  modalityLut?: LookupTable;
  slope: number;
  intercept: number;
  /** First VOI LUT (0028,3010) item, used when no window is given (PS3.3 C.11.2). */
  voiLut?: LookupTable;
  /** First window pair, if valid (width >= 1, or > 0 for LINEAR_EXACT). */
  window?: Window;
  /** Presentation LUT Shape (2050,0020), when present. */
  presentationShape?: "IDENTITY" | "INVERSE";
}

/** Options of `frameDisplay`. */
export interface FrameDisplayOptions {
  /** Zero-based frame number, for per-frame functional groups. Default 0. */
  frameIndex?: number;
  /** Stored values are signed (Pixel Representation 1): a LUT's first value may be negative. */
  signed?: boolean;
  /** Float Pixel Data: LINEAR windows are read as LINEAR_EXACT (see readWindow). */
  floatingPoint?: boolean;
}

/** The first item of a functional group macro that applies to this frame: per-frame first, then shared. */
export function frameGroup(ds: Dataset, frameIndex: number, macro: Tag): Dataset | undefined {
  const perFrame = ds.get(T.perFrameGroups)?.items?.[frameIndex]?.dataset.get(macro)?.items?.[0]?.dataset;
  if (perFrame) return perFrame;
  return ds.get(T.sharedGroups)?.items?.[0]?.dataset.get(macro)?.items?.[0]?.dataset;
}

function readWindow(d: Dataset, floatingPoint: boolean): Window | undefined {
  const center = getNumbers(d, T.windowCenter)[0];
  const width = getNumbers(d, T.windowWidth)[0];
  if (center === undefined || width === undefined || !Number.isFinite(center) || !Number.isFinite(width)) return undefined;
  const fn = (getText(d, T.voiLutFunction) ?? "LINEAR").trim().toUpperCase();
  // Float values are continuous: LINEAR's half-unit offsets (PS3.3 C.11.2.1.2.1) assume integers
  // and turn a width-1 window over 0..1 into a threshold, so such windows are applied exactly.
  const func: VoiFunction = fn === "LINEAR_EXACT" || fn === "SIGMOID" ? fn : floatingPoint ? "LINEAR_EXACT" : "LINEAR";
  // PS3.3 C.11.2.1.2.1: width >= 1 for LINEAR; C.11.2.1.3: > 0 for LINEAR_EXACT and SIGMOID.
  if (func === "LINEAR" ? width < 1 : width <= 0) return undefined;
  return { center, width, function: func };
}

/** Collects the modality and VOI attributes of one frame (functional groups win over the top level). */
export function frameDisplay(ds: Dataset, options: FrameDisplayOptions = {}): FrameDisplay {
  const frameIndex = options.frameIndex ?? 0;
  const pvt = frameGroup(ds, frameIndex, T.pixelValueTransformation) ?? ds;
  const voiGroup = frameGroup(ds, frameIndex, T.frameVoiLut);
  const slope = getNumbers(pvt, T.rescaleSlope)[0];
  const intercept = getNumbers(pvt, T.rescaleIntercept)[0];
  const modalityItem = (pvt.get(T.modalityLut) ?? ds.get(T.modalityLut))?.items?.[0]?.dataset;
  const modalityLut = modalityItem ? readLutItem(modalityItem, { signedInput: options.signed }) : undefined;
  const floatingPoint = options.floatingPoint === true;
  const window = (voiGroup && readWindow(voiGroup, floatingPoint)) ?? readWindow(ds, floatingPoint);
  const voiItem = (voiGroup?.get(T.voiLut) ?? ds.get(T.voiLut))?.items?.[0]?.dataset;
  // The VOI LUT's input is the modality output: negative when stored values are signed or shifted down.
  const signedOutput = options.signed === true || (intercept !== undefined && intercept < 0) || (slope !== undefined && slope < 0);
  const voiLut = voiItem ? readLutItem(voiItem, { signedInput: signedOutput }) : undefined;
  const shape = getText(ds, T.presentationLutShape)?.trim().toUpperCase();
  return {
    modalityLut,
    slope: slope !== undefined && Number.isFinite(slope) && slope !== 0 ? slope : 1,
    intercept: intercept !== undefined && Number.isFinite(intercept) ? intercept : 0,
    voiLut,
    window,
    presentationShape: shape === "IDENTITY" || shape === "INVERSE" ? shape : undefined,
  };
}
