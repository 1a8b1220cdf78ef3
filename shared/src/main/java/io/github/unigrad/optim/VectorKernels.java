package io.github.unigrad.optim;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

import java.nio.ByteBuffer;

/**
 * The float kernels of the transforms that {@link VectorRoute} steps in place, written with the Vector API of
 * the JDK's incubator module over native-order direct memory (ND4J's), read and written through {@link VectorMemory}
 * (JDK 17–19: {@code ByteBuffer}s; JDK 22+: {@code MemorySegment}s): each is its transform's
 * {@code float[]} kernel, operation for operation and in the same order (Java never fuses a multiply with an
 * add, multiplication commutes exactly, and a lane's square root is the correctly rounded float root, as
 * {@code (float) Math.sqrt(x)} is), so the two routes give the same bits; {@code VectorRouteTest} compares them.
 * The coefficients are the transform's own ({@link Transform#coefficients}), computed once per step in
 * {@link Chain#begin}. Loaded only when {@link VectorRoute#available()} has found the module.
 *
 * <p>Served: the Adam family without AMSGrad or AdaBelief ({@link ScaleByMoments}: Adam, Nadam, RAdam),
 * AdaGrad and RMSProp without centring ({@link ScaleBySquares}), DL4J's Nesterov velocity
 * ({@link NesterovVelocity}), momentum and Nesterov traces ({@link Trace}), and the scalings
 * ({@link ScaleByLearningRate}, {@link ClipByGlobalNorm}). Any other transform leaves its chain on the copy route.
 */
final class VectorKernels {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    /** The number of floats in a vector; the in-place route steps multiples of it. */
    static final int LANES = F.length();
    private static final int BYTES = Float.BYTES;

    private VectorKernels() {
    }

    /**
     * The in-place kernel of {@code t}, or null when it has none. By exact class: a subclass may override the float
     * kernel (AdaMax extends {@link ScaleByMoments} with a kernel of its own), so only the classes whose float kernel
     * is the one written here are served.
     */
    static DirectPass of(Transform t) {
        Class<?> c = t.getClass();
        if ((c == ScaleByAdam.class || c == ScaleByNadam.class || c == ScaleByRadam.class)
                && ((ScaleByMoments) t).plainMoments()) {
            return VectorKernels::moments;
        }
        if ((c == ScaleByAdagrad.class || c == ScaleByRms.class) && !((ScaleBySquares) t).centered) {
            return VectorKernels::squares;
        }
        if (c == NesterovVelocity.class) {
            return VectorKernels::nesterovVelocity;
        }
        if (c == Trace.class) {
            boolean nesterov = ((Trace) t).nesterov;
            return (co, scale, u, uo, state, so, slab, n) -> trace(co, scale, u, uo, state, so, slab, n, nesterov);
        }
        if (c == ScaleByLearningRate.class || c == ClipByGlobalNorm.class) {
            return VectorKernels::factor;
        }
        return null;
    }

    private static FloatVector load(Object memory, int at) {
        return VectorMemory.load(F, memory, at);
    }

    /** {@link ScaleByMoments}' adaptive and momentum forms. */
    private static void moments(Object coefficients, double scale, ByteBuffer u, int uo, ByteBuffer[] state, int[] so,
                                int slab, int n) {
        float s = (float) scale;
        ScaleByMoments.Coefficients c = (ScaleByMoments.Coefficients) coefficients;
        float b1 = (float) c.b1(), c1 = (float) c.c1(), b2 = (float) c.b2(), c2 = (float) c.c2(), am = (float) c.am(),
                ag = (float) c.ag(), vs = (float) c.vs(), eps = (float) c.eps();
        boolean adaptive = c.adaptive();
        Object mm = VectorMemory.of(state[slab]);
        Object vm = VectorMemory.of(state[slab + 1]);
        int mb = so[slab] * BYTES, vb = so[slab + 1] * BYTES;
        Object um = VectorMemory.of(u);
        int ub = uo * BYTES;
        for (int j = 0, end = n * BYTES; j < end; j += LANES * BYTES) {
            FloatVector g = load(um, ub + j);
            FloatVector mk = load(mm, mb + j).mul(b1).add(g.mul(c1));
            FloatVector vk = load(vm, vb + j).mul(b2).add(g.mul(c2).mul(g));
            VectorMemory.store(mk, mm, mb + j);
            VectorMemory.store(vk, vm, vb + j);
            FloatVector out = adaptive ? mk.mul(am).add(g.mul(ag)).div(vk.mul(vs).sqrt().add(eps)) : mk.mul(am);
            VectorMemory.store(out.mul(s), um, ub + j);
        }
    }

    /** {@link ScaleBySquares}' plain form. */
    private static void squares(Object coefficients, double scale, ByteBuffer u, int uo, ByteBuffer[] state, int[] so,
                                int slab, int n) {
        float s = (float) scale;
        ScaleBySquares.Coefficients c = (ScaleBySquares.Coefficients) coefficients;
        float alpha = (float) c.alpha(), cg = (float) c.c(), eps = (float) c.eps();
        Object vm = VectorMemory.of(state[slab]);
        int vb = so[slab] * BYTES;
        Object um = VectorMemory.of(u);
        int ub = uo * BYTES;
        for (int j = 0, end = n * BYTES; j < end; j += LANES * BYTES) {
            FloatVector g = load(um, ub + j);
            FloatVector vk = load(vm, vb + j).mul(alpha).add(g.mul(cg).mul(g));
            VectorMemory.store(vk, vm, vb + j);
            VectorMemory.store(g.div(vk.sqrt().add(eps)).mul(s), um, ub + j);
        }
    }

    /** {@link NesterovVelocity}'s element. */
    private static void nesterovVelocity(Object coefficients, double scale, ByteBuffer u, int uo, ByteBuffer[] state,
                                         int[] so, int slab, int n) {
        float s = (float) scale;
        NesterovVelocity.Coefficients c = (NesterovVelocity.Coefficients) coefficients;
        float mu = (float) c.mu(), lr = (float) c.lr(), back = (float) c.back();
        Object vm = VectorMemory.of(state[slab]);
        int vb = so[slab] * BYTES;
        Object um = VectorMemory.of(u);
        int ub = uo * BYTES;
        for (int j = 0, end = n * BYTES; j < end; j += LANES * BYTES) {
            FloatVector prev = load(vm, vb + j).mul(mu);
            FloatVector vk = prev.sub(load(um, ub + j).mul(lr));
            VectorMemory.store(vk, vm, vb + j);
            VectorMemory.store(prev.add(vk.mul(back)).mul(s), um, ub + j);
        }
    }

    /** {@link Trace}'s element: the trace itself (heavy ball), or Nesterov's look-ahead {@code g + μ b}. */
    private static void trace(Object coefficients, double scale, ByteBuffer u, int uo, ByteBuffer[] state, int[] so,
                              int slab, int n, boolean nesterov) {
        float s = (float) scale;
        Trace.Coefficients c = (Trace.Coefficients) coefficients;
        float keep = (float) c.keep(), gain = (float) c.gain(), mu = (float) c.mu();
        Object bm = VectorMemory.of(state[slab]);
        int bb = so[slab] * BYTES;
        Object um = VectorMemory.of(u);
        int ub = uo * BYTES;
        for (int j = 0, end = n * BYTES; j < end; j += LANES * BYTES) {
            FloatVector g = load(um, ub + j);
            FloatVector bk = load(bm, bb + j).mul(keep).add(g.mul(gain));
            VectorMemory.store(bk, bm, bb + j);
            VectorMemory.store((nesterov ? g.add(bk.mul(mu)) : bk).mul(s), um, ub + j);
        }
    }

    /** {@link ScaleByFactor}'s {@link Scale#by(float[], int, int, double)}: the factor rounded to float once. */
    private static void factor(Object coefficients, double scale, ByteBuffer u, int uo, ByteBuffer[] state, int[] so,
                               int slab, int n) {
        float f = (float) (scale * (Double) coefficients);
        if (f == 1.0f) {
            return;
        }
        Object um = VectorMemory.of(u);
        int ub = uo * BYTES;
        for (int j = 0, end = n * BYTES; j < end; j += LANES * BYTES) {
            VectorMemory.store(load(um, ub + j).mul(f), um, ub + j);
        }
    }
}
