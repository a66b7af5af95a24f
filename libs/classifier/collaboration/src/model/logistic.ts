import type { Features } from './features';

/** One labelled item as the learner sees it. */
export interface Example {
  x: Features;
  y: 0 | 1;
  /** Sample weight (a borderline item counts less). */
  w: number;
}

export interface LogisticModel {
  bias: number;
  weights: Record<string, number>;
}

export interface TrainOptions {
  /** L2 penalty on the weights (not the bias), per unit of total sample weight. */
  l2: number;
  /** A feature seen in fewer examples than this gets no weight: it could only memorise. */
  minCount: number;
  iterations: number;
}

export const DEFAULT_TRAIN: TrainOptions = { l2: 0.02, minCount: 3, iterations: 300 };

export function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

// A Map per model, built once: looking thousands of names up in a plain object was 5% of classify's time.
const weightMaps = new WeakMap<LogisticModel, Map<string, number>>();
export function weightsOf(model: LogisticModel): Map<string, number> {
  let map = weightMaps.get(model);
  if (!map) {
    map = new Map(Object.entries(model.weights));
    weightMaps.set(model, map);
  }
  return map;
}

export function margin(model: LogisticModel, x: Features): number {
  const weights = weightsOf(model);
  let z = model.bias;
  for (const [name, v] of x) {
    const w = weights.get(name);
    if (w !== undefined) z += w * v;
  }
  return z;
}

/** log(1 + e^z) without overflow. */
const softplus = (z: number) => (z > 30 ? z : z < -30 ? Math.exp(z) : Math.log1p(Math.exp(z)));

interface Sparse {
  idx: Int32Array;
  val: Float64Array;
}

/**
 * L2-regularised logistic regression fitted by L-BFGS with a backtracking line search. Deterministic: no random
 * initialisation, features indexed in sorted order, fixed iteration budget.
 */
export function trainLogistic(examples: readonly Example[], opts: TrainOptions = DEFAULT_TRAIN): LogisticModel {
  const counts = new Map<string, number>();
  for (const e of examples) for (const name of e.x.keys()) counts.set(name, (counts.get(name) ?? 0) + 1);
  const names = [...counts].filter(([, c]) => c >= opts.minCount).map(([n]) => n).sort();
  const index = new Map(names.map((n, i) => [n, i]));
  const rows: Sparse[] = examples.map((e) => {
    const pairs = [...e.x].filter(([n]) => index.has(n));
    return { idx: Int32Array.from(pairs.map(([n]) => index.get(n) ?? 0)), val: Float64Array.from(pairs.map(([, v]) => v)) };
  });
  const dim = names.length + 1; // last slot is the bias
  const totalW = examples.reduce((s, e) => s + e.w, 0) || 1;
  const lambda = opts.l2 * totalW;

  const lossAndGrad = (theta: Float64Array, grad: Float64Array): number => {
    grad.fill(0);
    let loss = 0;
    for (let r = 0; r < rows.length; r++) {
      const { idx, val } = rows[r];
      let z = theta[dim - 1];
      for (let k = 0; k < idx.length; k++) z += theta[idx[k]] * val[k];
      const e = examples[r];
      loss += e.w * (softplus(z) - e.y * z);
      const g = e.w * (sigmoid(z) - e.y);
      for (let k = 0; k < idx.length; k++) grad[idx[k]] += g * val[k];
      grad[dim - 1] += g;
    }
    for (let j = 0; j < dim - 1; j++) {
      loss += 0.5 * lambda * theta[j] * theta[j];
      grad[j] += lambda * theta[j];
    }
    return loss;
  };

  const theta = lbfgs(lossAndGrad, new Float64Array(dim), opts.iterations);
  const weights: Record<string, number> = {};
  names.forEach((n, i) => {
    if (Math.abs(theta[i]) >= 1e-4) weights[n] = round(theta[i]);
  });
  return { bias: round(theta[dim - 1]), weights };
}

const round = (v: number) => Math.round(v * 1e5) / 1e5;

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/** Limited-memory BFGS (history 10) with Armijo backtracking; stops when the gradient is flat. */
function lbfgs(f: (x: Float64Array, g: Float64Array) => number, x0: Float64Array, maxIter: number): Float64Array {
  const m = 10;
  const n = x0.length;
  let x = Float64Array.from(x0);
  let g = new Float64Array(n);
  let fx = f(x, g);
  const S: Float64Array[] = [];
  const Y: Float64Array[] = [];
  const rho: number[] = [];
  for (let iter = 0; iter < maxIter; iter++) {
    if (Math.sqrt(dot(g, g)) < 1e-6) break;
    // Two-loop recursion for the search direction.
    const q = Float64Array.from(g);
    const alpha: number[] = [];
    for (let i = S.length - 1; i >= 0; i--) {
      const a = rho[i] * dot(S[i], q);
      alpha[i] = a;
      for (let j = 0; j < n; j++) q[j] -= a * Y[i][j];
    }
    const gamma = S.length ? dot(S[S.length - 1], Y[Y.length - 1]) / dot(Y[Y.length - 1], Y[Y.length - 1]) : 1 / Math.max(1, Math.sqrt(dot(g, g)));
    for (let j = 0; j < n; j++) q[j] *= gamma;
    for (let i = 0; i < S.length; i++) {
      const b = rho[i] * dot(Y[i], q);
      for (let j = 0; j < n; j++) q[j] += S[i][j] * (alpha[i] - b);
    }
    const dir = q.map((v) => -v);
    let slope = dot(g, dir);
    if (slope >= 0) {
      // Not a descent direction: restart from steepest descent.
      S.length = 0; Y.length = 0; rho.length = 0;
      for (let j = 0; j < n; j++) dir[j] = -g[j];
      slope = -dot(g, g);
    }
    let step = 1;
    const xNew = new Float64Array(n);
    const gNew = new Float64Array(n);
    let fNew = Infinity;
    for (let tries = 0; tries < 40; tries++) {
      for (let j = 0; j < n; j++) xNew[j] = x[j] + step * dir[j];
      fNew = f(xNew, gNew);
      if (fNew <= fx + 1e-4 * step * slope) break;
      step *= 0.5;
    }
    if (!(fNew < fx)) break;
    const s = new Float64Array(n);
    const y = new Float64Array(n);
    for (let j = 0; j < n; j++) {
      s[j] = xNew[j] - x[j];
      y[j] = gNew[j] - g[j];
    }
    const sy = dot(s, y);
    if (sy > 1e-10) {
      S.push(s); Y.push(y); rho.push(1 / sy);
      if (S.length > m) { S.shift(); Y.shift(); rho.shift(); }
    }
    const improvement = fx - fNew;
    x = Float64Array.from(xNew);
    g = Float64Array.from(gNew);
    fx = fNew;
    if (improvement < 1e-9 * Math.max(1, Math.abs(fx))) break;
  }
  return x;
}

/** Platt scaling: p = sigmoid(a·margin + b), fitted on held-out margins with Platt's smoothed targets. */
export interface Platt {
  a: number;
  b: number;
}

export function fitPlatt(points: readonly { margin: number; y: 0 | 1 }[]): Platt {
  const pos = points.filter((p) => p.y === 1).length;
  const neg = points.length - pos;
  const hi = (pos + 1) / (pos + 2);
  const lo = 1 / (neg + 2);
  let a = 1;
  let b = 0;
  // Newton's method on two parameters, damped for safety.
  for (let iter = 0; iter < 100; iter++) {
    let g1 = 0, g2 = 0, h11 = 1e-9, h22 = 1e-9, h12 = 0;
    for (const p of points) {
      const t = p.y === 1 ? hi : lo;
      const q = sigmoid(a * p.margin + b);
      const d = q - t;
      const w = q * (1 - q);
      g1 += d * p.margin; g2 += d;
      h11 += w * p.margin * p.margin; h22 += w; h12 += w * p.margin;
    }
    const det = h11 * h22 - h12 * h12;
    if (Math.abs(det) < 1e-12) break;
    const da = (h22 * g1 - h12 * g2) / det;
    const db = (h11 * g2 - h12 * g1) / det;
    a -= da; b -= db;
    if (Math.abs(da) + Math.abs(db) < 1e-9) break;
  }
  return { a: round(a), b: round(b) };
}
