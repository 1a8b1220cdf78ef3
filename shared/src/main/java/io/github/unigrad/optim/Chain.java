package io.github.unigrad.optim;

import io.github.unigrad.schedule.Schedule;
import io.github.unigrad.schedule.Schedules;
import io.github.unigrad.spec.Spec;
import io.github.unigrad.spec.SpecIdentified;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * An optimiser made of a learning-rate schedule and a chain of transforms applied in order, as in
 * Optax's {@code chain(...)}. The learning rate enters where the chain has a
 * {@link ScaleByLearningRate} transform (usually last), so a rule that needs the rate inside its
 * formula (Schedule-Free) can read it from the {@link Step} instead.
 *
 * <p>A {@code scale_by_lr} right after a transform is applied inside that transform's pass (its
 * {@code scale} argument), so {@code adam} is one pass over the arrays, not two; so is the update
 * scale of {@link #dense(Step, double, double, double[], double[], int, double[][], int)}, and
 * its gradient scale when the chain starts with {@code scale_by_lr} (plain gradient descent).
 *
 * <p>The spec it prints is its preset's ({@code adam(lr=0.001, ...)}) when it was built by a preset,
 * and {@code chain(transforms=[...], lr=...)} otherwise.
 */
public final class Chain extends SpecIdentified implements Optimiser {
    private final Spec spec;
    private final Schedule lr;
    private final Transform[] transforms;
    private final int[] firstSlab;
    /** The transforms that make a pass over the arrays: all but each {@code scale_by_lr} fused into the one before it. */
    private final int[] passes;
    /** Whether pass {@code l} applies the following {@code scale_by_lr} (its {@code scale} argument). */
    private final boolean[] fused;
    /** Whether the first pass is a {@code scale_by_lr}, which then takes the gradient scale too. */
    private final boolean takesGradientScale;
    private final int slabs;
    /** Each pass's in-place vector kernel ({@link VectorRoute}), or null when the chain has no in-place route. */
    private final DirectPass[] direct;
    private final boolean needsParameters;
    private final boolean needsSummary;

    /**
     * @param spec       the spec this chain prints (its preset's), or null for the generic {@code chain(...)} form
     * @param lr         the learning-rate schedule
     * @param transforms the transforms, applied in order
     */
    public Chain(Spec spec, Schedule lr, List<Transform> transforms) {
        this.lr = lr;
        this.transforms = transforms.toArray(new Transform[0]);
        this.firstSlab = new int[this.transforms.length];
        int s = 0;
        boolean params = false;
        boolean summary = false;
        for (int i = 0; i < this.transforms.length; i++) {
            firstSlab[i] = s;
            s += this.transforms[i].slabs();
            params |= this.transforms[i].needsParameters();
            summary |= this.transforms[i].needsGradientSummary();
        }
        for (int i = 1; i < this.transforms.length; i++) {
            if (this.transforms[i].needsGradientSummary()) {
                throw new IllegalArgumentException(this.transforms[i].spec() + " must come first in a chain: it reads the"
                        + " norm of the incoming gradient, which the transforms before it would have changed");
            }
        }
        for (int i = 0; i + 1 < this.transforms.length; i++) {
            if (this.transforms[i].setsParameters()) {
                throw new IllegalArgumentException(this.transforms[i].spec() + " must come last in a chain: it sets the"
                        + " parameters, which a transform after it would change (put scale_by_lr before it)");
            }
        }
        int[] runs = new int[this.transforms.length];
        boolean[] fuses = new boolean[this.transforms.length];
        int count = 0;
        for (int i = 0; i < this.transforms.length; i++, count++) {
            runs[count] = i;
            fuses[count] = i + 1 < this.transforms.length && this.transforms[i + 1] == ScaleByLearningRate.INSTANCE;
            if (fuses[count]) {
                i++;
            }
        }
        this.passes = Arrays.copyOf(runs, count);
        this.fused = Arrays.copyOf(fuses, count);
        this.takesGradientScale = count > 0 && this.transforms[0] == ScaleByLearningRate.INSTANCE;
        this.slabs = s;
        this.direct = params ? null : VectorRoute.passes(this.transforms, this.passes);
        this.needsParameters = params;
        this.needsSummary = summary;
        this.spec = spec != null ? spec
                : Spec.of("chain").with("transforms", Transforms.specs(transforms))
                        .with("lr", Schedules.inSpec(lr));
    }

    public Schedule schedule() {
        return lr;
    }

    public List<Transform> transforms() {
        return List.of(transforms);
    }

    @Override
    public Spec spec() {
        return spec;
    }

    @Override
    public int slabs() {
        return slabs;
    }

    @Override
    public double initialValue(int k) {
        for (int i = transforms.length - 1; i >= 0; i--) {
            if (k >= firstSlab[i]) {
                return transforms[i].initialValue(k - firstSlab[i]);
            }
        }
        throw new IndexOutOfBoundsException("slab " + k + " of " + slabs);
    }

    @Override
    public boolean needsParameters() {
        return needsParameters;
    }

    @Override
    public boolean needsGradientSummary() {
        return needsSummary;
    }

    @Override
    public double learningRate(long index) {
        return lr.at(index);
    }

    /** The step's scalars, with each transform's {@link Transform#coefficients} computed once for all its passes. */
    @Override
    public Step begin(long index, GradientSummary summary) {
        return begin(index, lr.at(index), summary);
    }

    /** {@link #begin(long, GradientSummary)} with the rate a host's schedule gives (DL4J's {@code ISchedule}) instead of the chain's. */
    public Step begin(long index, double learningRate, GradientSummary summary) {
        if (needsSummary && summary == null) {
            throw new IllegalArgumentException(spec + " needs the gradient's summary (global norm) at every step");
        }
        Object[] coefficients = new Object[transforms.length];
        Step step = new Step(index, learningRate, summary, this, coefficients);
        for (int i = 0; i < transforms.length; i++) {
            coefficients[i] = transforms[i].coefficients(step);
        }
        return step;
    }

    /**
     * The scale pass {@code l} applies: the learning rate when it fuses the following {@code scale_by_lr};
     * the gradient scale too when it is a leading {@code scale_by_lr} (linear, so the factor may enter
     * there); the update scale too when it is the last pass.
     */
    private double scale(int l, Step step, double gradientScale, double updateScale) {
        double scale = fused[l] ? step.learningRate() : 1.0;
        if (l == 0 && takesGradientScale) {
            scale *= gradientScale;
        }
        return l == passes.length - 1 ? scale * updateScale : scale;
    }

    /** The factor to apply to the gradient before the first pass: none when that pass takes it. */
    private double gradientFactor(double gradientScale, double updateScale) {
        return takesGradientScale ? 1.0 : passes.length == 0 ? gradientScale * updateScale : gradientScale;
    }

    @Override
    public void dense(Step step, double[] u, double[] p, int o, double[][] state, int n) {
        dense(step, 1.0, 1.0, u, p, o, state, n);
    }

    @Override
    public void sparse(Step step, double[] u, int from, int to, int[] idx, double[] p, int o, double[][] state) {
        sparse(step, 1.0, 1.0, u, from, to, idx, p, o, state);
    }

    /**
     * The transforms' passes, with the update scale folded into the last (see {@link #scale}) and the
     * gradient scale into the first when it is {@code scale_by_lr}, else applied in a pass of its own.
     */
    @Override
    public void dense(Step step, double gradientScale, double updateScale, double[] u, double[] p, int o,
                      double[][] state, int n) {
        StepArguments.dense(this, slabs(), needsParameters(), u, p, o, state, 0, n);
        densePasses(step.coefficientsOf(this), step, gradientScale, updateScale, u, p, o, state, n);
    }

    /**
     * The passes of {@link #dense(Step, double, double, double[], double[], int, double[][], int)}, each over every
     * row ({@link Transform#denseRows}: a pass that is one short loop per row runs them in one loop nest), every row
     * checked first (a bad row changes none) and the per-step work done once per matrix.
     */
    @Override
    public void denseRows(Step step, double gradientScale, double updateScale, double[][] u, double[][] p,
                          double[][][] state, int n) {
        StepArguments.denseRows(this, slabs(), needsParameters(), u, p, state, n);
        Object[] coefficients = step.coefficientsOf(this);
        double factor = gradientFactor(gradientScale, updateScale);
        if (factor != 1.0) {
            for (double[] row : u) {
                Scale.by(row, 0, n, factor);
            }
        }
        for (int l = 0; l < passes.length; l++) {
            int i = passes[l];
            transforms[i].denseRows(coefficients[i], scale(l, step, gradientScale, updateScale), u, p, state,
                    firstSlab[i], n);
        }
    }

    /** The passes of {@link #sparse(Step, double, double, double[], int, int, int[], double[], int, double[][])}, as {@link #denseRows}. */
    @Override
    public void sparseRows(Step step, double gradientScale, double updateScale, SparseRows u, double[][] p,
                           double[][][] state) {
        StepArguments.sparseRows(this, slabs(), needsParameters(), u, p, state);
        Object[] coefficients = step.coefficientsOf(this);
        double factor = gradientFactor(gradientScale, updateScale);
        if (factor != 1.0) {
            for (int r = 0, rows = u.rows(); r < rows; r++) {
                Scale.by(u.values(r), 0, u.count(r), factor);
            }
        }
        for (int l = 0; l < passes.length; l++) {
            int i = passes[l];
            transforms[i].sparseRows(coefficients[i], scale(l, step, gradientScale, updateScale), u, p, state,
                    firstSlab[i]);
        }
    }

    @Override
    public void sparse(Step step, double gradientScale, double updateScale, double[] u, int from, int to, int[] idx,
                       double[] p, int o, double[][] state) {
        StepArguments.sparse(this, slabs(), needsParameters(), u, from, to, idx, p, o, state, 0);
        sparsePasses(step.coefficientsOf(this), step, gradientScale, updateScale, u, from, to, idx, p, o, state);
    }

    /** The dense passes on checked arguments. */
    private void densePasses(Object[] coefficients, Step step, double gradientScale, double updateScale, double[] u,
                             double[] p, int o, double[][] state, int n) {
        Scale.by(u, o, o + n, gradientFactor(gradientScale, updateScale));
        for (int l = 0; l < passes.length; l++) {
            int i = passes[l];
            transforms[i].dense(coefficients[i], scale(l, step, gradientScale, updateScale), u, p, o, state,
                    firstSlab[i], n);
        }
    }

    /** The sparse passes on checked arguments. */
    private void sparsePasses(Object[] coefficients, Step step, double gradientScale, double updateScale, double[] u,
                              int from, int to, int[] idx, double[] p, int o, double[][] state) {
        Scale.by(u, from, to, gradientFactor(gradientScale, updateScale));
        for (int l = 0; l < passes.length; l++) {
            int i = passes[l];
            transforms[i].sparse(coefficients[i], scale(l, step, gradientScale, updateScale), u, from, to, idx, p,
                    o, state, firstSlab[i]);
        }
    }

    /** Each transform's float step: its float kernel, or the widening default for a transform without one. */
    @Override
    public void dense(Step step, float[] u, float[] p, int o, float[][] state, int n) {
        StepArguments.dense(this, slabs(), needsParameters(), u, p, o, state, 0, n);
        Object[] coefficients = step.coefficientsOf(this);
        for (int l = 0; l < passes.length; l++) {
            int i = passes[l];
            transforms[i].dense(coefficients[i], scale(l, step, 1.0, 1.0), u, p, o, state, firstSlab[i], n);
        }
    }

    /** Each pass's vector kernel over the first multiple of the vector length, in place; see {@link Optimiser#denseDirect}. */
    @Override
    public int denseDirect(Step step, ByteBuffer u, int uo, ByteBuffer[] state, int[] so, int n) {
        if (direct == null || !VectorRoute.enabled()) {
            return 0;
        }
        Object[] coefficients = step.coefficientsOf(this);
        int done = VectorRoute.whole(n);
        for (int l = 0; l < passes.length; l++) {
            int i = passes[l];
            direct[l].run(coefficients[i], scale(l, step, 1.0, 1.0), u, uo, state, so, firstSlab[i],
                    done);
        }
        return done;
    }

    /** Whether the last transform has a final adjustment ({@code prox_l1}'s pending catch-up). */
    @Override
    public boolean hasFinalAdjustment() {
        return transforms.length > 0 && transforms[transforms.length - 1].hasFinalAdjustment();
    }

    /**
     * The last transform's final adjustment, with its coefficients for step {@code steps} (the one that
     * would come next) at the learning rate of the last step taken.
     */
    @Override
    public void finalAdjustment(long steps, double[] u, double[] p, int o, double[][] state, int n) {
        int last = transforms.length - 1;
        if (!hasFinalAdjustment()) {
            Arrays.fill(u, o, o + n, 0.0);
            return;
        }
        StepArguments.dense(this, slabs(), true, u, p, o, state, 0, n);
        Step next = new Step(steps, lr.at(Math.max(steps - 1, 0)), null, null);
        transforms[last].finalAdjustment(transforms[last].coefficients(next), u, p, o, state, firstSlab[last], n);
    }

    /**
     * Splits off a single {@link AddDecayedWeights}: decoupled when it sits just before a final
     * {@code scale_by_lr}, L2 (coupled) when it comes first; empty otherwise, or when another
     * transform reads the parameters.
     */
    @Override
    public Optional<WeightDecaySplit> splitWeightDecay() {
        int at = -1;
        for (int i = 0; i < transforms.length; i++) {
            if (transforms[i] instanceof AddDecayedWeights) {
                if (at >= 0) {
                    return Optional.empty();
                }
                at = i;
            } else if (transforms[i].needsParameters()) {
                return Optional.empty();
            }
        }
        int last = transforms.length - 1;
        boolean decoupled = at >= 0 && at == last - 1 && transforms[last] == ScaleByLearningRate.INSTANCE;
        if (at < 0 || !(decoupled || at == 0)) {
            return Optional.empty();
        }
        List<Transform> rest = new ArrayList<>(List.of(transforms));
        rest.remove(at);
        return Optional.of(new WeightDecaySplit(((AddDecayedWeights) transforms[at]).weightDecay(), decoupled,
                new Chain(null, lr, rest)));
    }
}
