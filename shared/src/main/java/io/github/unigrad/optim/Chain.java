package io.github.unigrad.optim;

import io.github.unigrad.schedule.Schedule;
import io.github.unigrad.schedule.Schedules;
import io.github.unigrad.spec.Spec;
import io.github.unigrad.spec.SpecIdentified;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.DoubleConsumer;

/**
 * An optimiser made of a learning-rate schedule and a chain of transforms applied in order, as in
 * Optax's {@code chain(...)}. The learning rate enters where the chain has a
 * {@link ScaleByLearningRate} transform (usually last), so a rule that needs the rate inside its
 * formula (Schedule-Free) can read it from the {@link Step} instead.
 *
 * <p>A {@code scale_by_lr} right after a transform is applied inside that transform's pass (its
 * {@code scale} argument), so {@code adam} is one pass over the arrays, not two.
 *
 * <p>The spec it prints is its preset's ({@code adam(lr=0.001, ...)}) when it was built by a preset,
 * and {@code chain(transforms=[...], lr=...)} otherwise.
 */
public final class Chain extends SpecIdentified implements Optimiser {
    private final Spec spec;
    private final Schedule lr;
    private final Transform[] transforms;
    private final int[] firstSlab;
    private final int slabs;
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
        this.slabs = s;
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

    @Override
    public Step begin(long index, GradientSummary summary) {
        if (needsSummary && summary == null) {
            throw new IllegalArgumentException(spec + " needs the gradient's summary (global norm) at every step");
        }
        return new Step(index, lr.at(index), summary, null);
    }

    /** Whether transform {@code i} is followed by {@code scale_by_lr}, which it then applies in its own pass. */
    private boolean fusesNext(int i) {
        return i + 1 < transforms.length && transforms[i + 1] == ScaleByLearningRate.INSTANCE;
    }

    /** One transform's step, given its scale (the learning rate when it fuses the next {@code scale_by_lr}) and first slab. */
    @FunctionalInterface
    private interface Link {
        void step(Transform t, double scale, int slab);
    }

    /** Runs {@code link} over the transforms in order, fusing each {@code scale_by_lr} into the transform before it. */
    private void each(Step step, Link link) {
        each(step, 1.0, 1.0, null, link);
    }

    /**
     * {@link #each(Step, Link)} on the gradient {@code gradientScale · u}, leaving {@code updateScale}
     * times the update: the update scale goes into the last link's scale; the gradient scale into the
     * first link's when that link is {@code scale_by_lr} (which is linear), else {@code scaleGradient}
     * applies it before the first link ({@code scaleGradient} is only called with a factor other than 1).
     */
    private void each(Step step, double gradientScale, double updateScale, DoubleConsumer scaleGradient, Link link) {
        double pending = gradientScale;
        if (transforms.length == 0 && gradientScale * updateScale != 1.0) {
            scaleGradient.accept(gradientScale * updateScale);
        }
        for (int i = 0; i < transforms.length; i++) {
            boolean fuse = fusesNext(i);
            double scale = fuse ? step.learningRate() : 1.0;
            if (transforms[i] == ScaleByLearningRate.INSTANCE) {
                scale *= pending;
            } else if (pending != 1.0) {
                scaleGradient.accept(pending);
            }
            pending = 1.0;
            if (i + (fuse ? 1 : 0) == transforms.length - 1) {
                scale *= updateScale;
            }
            link.step(transforms[i], scale, firstSlab[i]);
            if (fuse) {
                i++;
            }
        }
    }

    @Override
    public void dense(Step step, double[] u, double[] p, int o, double[][] state, int so, int n) {
        each(step, (t, scale, slab) -> t.dense(step, scale, u, p, o, state, slab, so, n));
    }

    @Override
    public void sparse(Step step, double[] u, int from, int to, int[] idx, double[] p, int po, double[][] state, int so) {
        each(step, (t, scale, slab) -> t.sparse(step, scale, u, from, to, idx, p, po, state, slab, so));
    }

    /** One pass: the factors go into the transforms' own passes (see {@link #each(Step, double, double, DoubleConsumer, Link)}). */
    @Override
    public void dense(Step step, double gradientScale, double updateScale, double[] u, double[] p, int o,
                      double[][] state, int so, int n) {
        each(step, gradientScale, updateScale, c -> Scale.by(u, o, o + n, c),
                (t, scale, slab) -> t.dense(step, scale, u, p, o, state, slab, so, n));
    }

    @Override
    public void sparse(Step step, double gradientScale, double updateScale, double[] u, int from, int to, int[] idx,
                       double[] p, int po, double[][] state, int so) {
        each(step, gradientScale, updateScale, c -> Scale.by(u, from, to, c),
                (t, scale, slab) -> t.sparse(step, scale, u, from, to, idx, p, po, state, slab, so));
    }

    /** Each transform's float step: its float kernel, or the widening default for a transform without one. */
    @Override
    public void dense(Step step, float[] u, float[] p, int o, float[][] state, int so, int n) {
        each(step, (t, scale, slab) -> t.dense(step, scale, u, p, o, state, slab, so, n));
    }

    @Override
    public void sparse(Step step, float[] u, int from, int to, int[] idx, float[] p, int po, float[][] state, int so) {
        each(step, (t, scale, slab) -> t.sparse(step, scale, u, from, to, idx, p, po, state, slab, so));
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
