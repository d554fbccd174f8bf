// The accurate integer inverse DCT of the IJG library (Loeffler, Ligtenberg and Moschytz
// factorisation, 13-bit fixed-point constants), so that 12-bit decodes match dcmtk exactly.
// Arithmetic is done in float64 with floor division: exact, and free of 32-bit overflow.

const CONST_BITS = 13;
const F = (x: number): number => Math.round(x * (1 << CONST_BITS));
const FIX_0_298631336 = F(0.298631336);
const FIX_0_390180644 = F(0.390180644);
const FIX_0_541196100 = F(0.5411961);
const FIX_0_765366865 = F(0.765366865);
const FIX_0_899976223 = F(0.899976223);
const FIX_1_175875602 = F(1.175875602);
const FIX_1_501321110 = F(1.50132111);
const FIX_1_847759065 = F(1.847759065);
const FIX_1_961570560 = F(1.96157056);
const FIX_2_053119869 = F(2.053119869);
const FIX_2_562915447 = F(2.562915447);
const FIX_3_072711026 = F(3.072711026);

/** Rounded arithmetic right shift by n bits. */
function descale(x: number, n: number): number {
  return Math.floor((x + 2 ** (n - 1)) / 2 ** n);
}

/** One 8-point pass over `v` (stride `step` from `at`), writing descaled outputs to `out` at the same places. */
function pass(v: ArrayLike<number>, at: number, step: number, out: Float64Array | Int32Array, shift: number, evenScale: number): void {
  const d0 = v[at], d1 = v[at + step], d2 = v[at + 2 * step], d3 = v[at + 3 * step];
  const d4 = v[at + 4 * step], d5 = v[at + 5 * step], d6 = v[at + 6 * step], d7 = v[at + 7 * step];
  // Even part.
  const z1 = (d2 + d6) * FIX_0_541196100;
  const t2 = z1 - d6 * FIX_1_847759065;
  const t3 = z1 + d2 * FIX_0_765366865;
  const t0 = (d0 + d4) * evenScale;
  const t1 = (d0 - d4) * evenScale;
  const t10 = t0 + t3, t13 = t0 - t3, t11 = t1 + t2, t12 = t1 - t2;
  // Odd part.
  const y1 = d7 + d1, y2 = d5 + d3, y3 = d7 + d3, y4 = d5 + d1;
  const z5 = (y3 + y4) * FIX_1_175875602;
  const z3 = z5 - y3 * FIX_1_961570560;
  const z4 = z5 - y4 * FIX_0_390180644;
  const w1 = -y1 * FIX_0_899976223, w2 = -y2 * FIX_2_562915447;
  const o0 = d7 * FIX_0_298631336 + w1 + z3;
  const o1 = d5 * FIX_2_053119869 + w2 + z4;
  const o2 = d3 * FIX_3_072711026 + w2 + z3;
  const o3 = d1 * FIX_1_501321110 + w1 + z4;
  out[at] = descale(t10 + o3, shift);
  out[at + 7 * step] = descale(t10 - o3, shift);
  out[at + step] = descale(t11 + o2, shift);
  out[at + 6 * step] = descale(t11 - o2, shift);
  out[at + 2 * step] = descale(t12 + o1, shift);
  out[at + 5 * step] = descale(t12 - o1, shift);
  out[at + 3 * step] = descale(t13 + o0, shift);
  out[at + 4 * step] = descale(t13 - o0, shift);
}

const work = new Float64Array(64);
const dequant = new Float64Array(64);

/**
 * Inverse DCT of one block of dequantised-on-the-fly coefficients (natural order) into `out`
 * (8x8 samples at `offset`, row stride `stride`), level-shifted and clamped to `precision` bits.
 */
export function idctBlock(
  coefs: ArrayLike<number>,
  coefOffset: number,
  quant: ArrayLike<number>,
  precision: number,
  out: Uint16Array,
  offset: number,
  stride: number,
): void {
  const pass1Bits = precision === 8 ? 2 : 1;
  for (let i = 0; i < 64; i++) dequant[i] = coefs[coefOffset + i] * quant[i];
  // Pass 1: columns, scaled up by pass1Bits.
  for (let c = 0; c < 8; c++) pass(dequant, c, 8, work, CONST_BITS - pass1Bits, 1 << CONST_BITS);
  // Pass 2: rows; remove the pass 1 scale and the factor 8 of the transform.
  const max = (1 << precision) - 1;
  const center = 1 << (precision - 1);
  const row = new Float64Array(8);
  for (let r = 0; r < 8; r++) {
    for (let i = 0; i < 8; i++) row[i] = work[r * 8 + i];
    pass(row, 0, 1, row, CONST_BITS + pass1Bits + 3, 1 << CONST_BITS);
    for (let i = 0; i < 8; i++) {
      const v = row[i] + center;
      out[offset + r * stride + i] = v < 0 ? 0 : v > max ? max : v;
    }
  }
}
