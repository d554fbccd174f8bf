// Type declarations for the untyped codec packages this project uses (their own typings are absent).

declare module "@cornerstonejs/codec-charls/wasmjs" {
  const factory: (moduleArg?: Record<string, unknown>) => Promise<unknown>;
  export default factory;
}
declare module "@cornerstonejs/codec-libjpeg-turbo-8bit/wasmjs" {
  const factory: (moduleArg?: Record<string, unknown>) => Promise<unknown>;
  export default factory;
}
declare module "@cornerstonejs/codec-openjpeg/wasmjs" {
  const factory: (moduleArg?: Record<string, unknown>) => Promise<unknown>;
  export default factory;
}
declare module "@cornerstonejs/codec-openjph/wasmjs" {
  const factory: (moduleArg?: Record<string, unknown>) => Promise<unknown>;
  export default factory;
}
declare module "jpeg-lossless-decoder-js" {
  export class Decoder {
    constructor(buffer?: ArrayBuffer, numBytes?: number);
    frame: { dimX: number; dimY: number; numComp: number; precision: number };
    decode(buffer: ArrayBuffer, offset?: number, length?: number, numBytes?: number): Uint8Array | Uint16Array;
    select7(compOffset?: number): number;
    getPreviousX(compOffset?: number): number;
    getPreviousY(compOffset?: number): number;
  }
}
