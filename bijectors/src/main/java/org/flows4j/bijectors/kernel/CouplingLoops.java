package org.flows4j.bijectors.kernel;

/**
 * The host path of the coupling kernels: one pass over the arrays' memory per call, reading and writing through
 * {@link ArrayMemory} (float32 or float64). Tables are {@code [rows, d]} with identity columns {@code a} and
 * transformed columns {@code b}; the conditioner output is {@code [rows, 2·|b|]} (shifts, then raw scales) or
 * {@code [rows, |b|]} (shifts).
 */
final class CouplingLoops {
    private CouplingLoops() {
    }

    static void gatherColumns(ArrayMemory x, ArrayMemory out, int rows, int d, int[] columns) {
        for (int i = 0, o = 0; i < rows; i++) {
            for (int c : columns) {
                out.set(o++, x.get((long) i * d + c));
            }
        }
    }

    static void addToColumns(ArrayMemory target, ArrayMemory values, int rows, int d, int[] columns) {
        for (int i = 0, k = 0; i < rows; i++) {
            for (int c : columns) {
                target.add((long) i * d + c, values.get(k++));
            }
        }
    }

    static void shiftColumns(ArrayMemory out, ArrayMemory t, int rows, int d, int[] b, double sign) {
        for (int i = 0, k = 0; i < rows; i++) {
            for (int c : b) {
                out.add((long) i * d + c, sign * t.get(k++));
            }
        }
    }

    /**
     * {@code log s}, {@code s} and (if {@code derivative}) {@code d log s/dh} for the raw-scale half of every row of
     * the conditioner output h ({@code [rows, 2k]}), one element at a time with {@link Math}'s functions: the Vector
     * API's transcendental operations may round differently in compiled and in interpreted code, which would make
     * training differ from run to run.
     */
    private static double[][] scales(ArrayMemory h, int rows, int k, LogScale scale, boolean derivative) {
        int length = rows * 2 * k;
        double[] logS = new double[length];
        double[] s = new double[length];
        double[] d = derivative ? new double[length] : null;
        for (int i = 0; i < rows; i++) {
            for (int j = i * 2 * k + k, end = (i + 1) * 2 * k; j < end; j++) {
                double v = h.get(j);
                logS[j] = scale.logScale(v);
                s[j] = Math.exp(logS[j]);
                if (d != null) {
                    d[j] = scale.derivative(v);
                }
            }
        }
        return new double[][] {logS, s, d};
    }

    /** {@code out[:, a] = in[:, a]}; {@code out[:, b] = in_b·s + t} (forward) or {@code (in_b − t)/s}; log-dets. */
    static void affineCoupling(ArrayMemory in, ArrayMemory h, ArrayMemory out, ArrayMemory logDet, int rows, int d,
                               int[] a, int[] b, LogScale scale, boolean forward) {
        int k = b.length;
        double[][] sc = scales(h, rows, k, scale, false);
        double[] logScales = sc[0];
        double[] scales = sc[1];
        for (int i = 0; i < rows; i++) {
            long row = (long) i * d;
            for (int j : a) {
                out.set(row + j, in.get(row + j));
            }
            double sum = 0;
            int hRow = i * 2 * k;
            for (int j = 0; j < k; j++) {
                double t = h.get(hRow + j);
                double logS = logScales[hRow + k + j];
                double v = in.get(row + b[j]);
                out.set(row + b[j], forward ? v * scales[hRow + k + j] + t : (v - t) / scales[hRow + k + j]);
                sum += logS;
            }
            logDet.set(i, forward ? sum : -sum);
        }
    }

    /**
     * From {@code y_B = x_B·s + t}: {@code x}, {@code dL/dx_B = g·s}, {@code dL/dx_A = g_A} (the conditioner's share
     * comes later), {@code dL/dt = g}, {@code dL/dh = (g·x_B·s + dL/dlogdet)·d log s/dh}.
     */
    static void affineCouplingBackward(ArrayMemory y, ArrayMemory gy, ArrayMemory h, ArrayMemory gLogDet,
                                       ArrayMemory x, ArrayMemory gx, ArrayMemory gh, int rows, int d, int[] a,
                                       int[] b, LogScale scale) {
        int k = b.length;
        double[][] sc = scales(h, rows, k, scale, true);
        double[] scales = sc[1];
        double[] derivatives = sc[2];
        for (int i = 0; i < rows; i++) {
            long row = (long) i * d;
            int hRow = i * 2 * k;
            double gld = gLogDet.get(i);
            for (int j : a) {
                x.set(row + j, y.get(row + j));
                gx.set(row + j, gy.get(row + j));
            }
            for (int j = 0; j < k; j++) {
                double t = h.get(hRow + j);
                double s = scales[hRow + k + j];
                double xb = (y.get(row + b[j]) - t) / s;
                double g = gy.get(row + b[j]);
                x.set(row + b[j], xb);
                gx.set(row + b[j], g * s);
                gh.set(hRow + j, g);
                gh.set(hRow + k + j, (g * xb * s + gld) * derivatives[hRow + k + j]);
            }
        }
    }

    static void gatherChannels(ArrayMemory x, ArrayMemory y, long samples, int[] order, long plane) {
        int channels = order.length;
        for (long n = 0; n < samples; n++) {
            for (int c = 0; c < channels; c++) {
                y.copyFrom(x, (n * channels + order[c]) * plane, (n * channels + c) * plane, plane);
            }
        }
    }

    /** {@code out = x} where {@code keep[e] == kept} for the event element e, else 0. */
    static void mask(ArrayMemory x, ArrayMemory out, long length, boolean[] keep, boolean kept) {
        int e = keep.length;
        for (long k = 0; k < length; k++) {
            out.set(k, keep[(int) (k % e)] == kept ? x.get(k) : 0);
        }
    }

    /** {@code target += values} on the kept elements. */
    static void addKept(ArrayMemory target, ArrayMemory values, long length, boolean[] keep) {
        int e = keep.length;
        for (long k = 0; k < length; k++) {
            if (keep[(int) (k % e)]) {
                target.add(k, values.get(k));
            }
        }
    }

    /** {@code out = x + sign·t} on the transformed elements, {@code x} on the kept ones. */
    static void shiftTransformed(ArrayMemory x, ArrayMemory t, ArrayMemory out, long length, boolean[] keep,
                                 double sign) {
        int e = keep.length;
        for (long k = 0; k < length; k++) {
            out.set(k, keep[(int) (k % e)] ? x.get(k) : x.get(k) + sign * t.get(k));
        }
    }
}
