package io.github.unigrad.dl4j;

import io.github.unigrad.optim.Chain;
import io.github.unigrad.optim.Optimiser;
import io.github.unigrad.optim.Optimisers;
import io.github.unigrad.spec.Spec;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonIgnore;
import org.nd4j.shade.jackson.annotation.JsonProperty;

import java.io.ObjectStreamException;
import java.util.Map;
import java.util.Objects;

/**
 * Any optimiser of the Unigrad catalogue as a DL4J {@link IUpdater}, configured by its spec:
 * {@code .updater(new UnigradUpdater("adam(lr=1e-3)"))}. Optimisers with weight decay (decoupled:
 * AdamW, Lion; added to the gradient: the {@code weightDecay} of sgd, adam, adagrad, rmsprop, ...) need the
 * parameters, which a DL4J updater never sees: configure those with {@link UnigradUpdaters#configure},
 * which pairs the updater with DL4J's {@code WeightDecay(coeff, applyLR=true)} or
 * {@code L2Regularization(coeff)}; this constructor refuses them.
 *
 * <p><b>State.</b> {@code stateSize(n) = slabs · n}; all state lives in DL4J's updater-state view
 * (slab k at {@code [k·n, (k+1)·n)}), and the step index is DL4J's {@code iteration}, so
 * {@code ModelSerializer} saves and restores a run exactly.
 *
 * <p><b>Learning rate.</b> {@link #getLearningRate} is the optimiser's schedule at DL4J's
 * iteration. {@link #setLrAndSchedule} (used by {@code NetworkUtils.setLearningRate}) either
 * rewrites the spec with the new fixed {@code lr}, or keeps a DL4J {@link ISchedule} whose value
 * replaces the spec's learning rate at every step (it is saved in the JSON as
 * {@code learningRateSchedule}; only for plain chains, since wrappers and Schedule-Free derive more
 * than the rate from their step: give those a schedule in their spec).
 *
 * <p>Equality is by spec and schedule, so layers configured alike share one updater block.
 */
public final class UnigradUpdater implements IUpdater {
    private static final long serialVersionUID = 1L;

    @JsonProperty("spec")
    private String spec;
    @JsonProperty("learningRateSchedule")
    private ISchedule learningRateSchedule;
    @JsonIgnore
    private transient Optimiser optimiser;

    /** The updater for an optimiser spec, e.g. {@code nesterov(lr=0.1, momentum=0.9)}. */
    public UnigradUpdater(String spec) {
        this(spec, null);
    }

    /**
     * The updater for an optimiser spec whose learning rate is replaced by a DL4J schedule (null for
     * the spec's own).
     */
    @JsonCreator
    public UnigradUpdater(@JsonProperty("spec") String spec, @JsonProperty("learningRateSchedule") ISchedule learningRateSchedule) {
        this(parse(spec), learningRateSchedule);
    }

    private UnigradUpdater(Optimiser optimiser, ISchedule learningRateSchedule) {
        requireNoParameters(optimiser);
        if (learningRateSchedule != null) {
            requireScheduleFits(optimiser);
        }
        this.optimiser = optimiser;
        this.spec = optimiser.spec().toString();
        this.learningRateSchedule = learningRateSchedule;
    }

    /** The updater for a catalogue optimiser, e.g. {@code UnigradUpdater.of(Optimisers.adam(1e-3))}. */
    public static UnigradUpdater of(Optimiser optimiser) {
        return new UnigradUpdater(Objects.requireNonNull(optimiser, "optimiser"), null);
    }

    private static Optimiser parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("UnigradUpdater needs an optimiser spec such as \"adam(lr=1e-3)\"; got "
                    + spec + "; valid names: " + String.join(", ", Optimisers.names()));
        }
        return Optimisers.parse(spec);
    }

    /**
     * A DL4J schedule replaces the learning rate of a begun step, which is all the step holds for a
     * plain {@link Chain}; wrappers and Schedule-Free derive more from the rate in {@code begin}.
     */
    private static void requireScheduleFits(Optimiser optimiser) {
        if (!hasLearningRate(optimiser.spec())) {
            throw new IllegalArgumentException(optimiser.spec() + " has no learning rate for a schedule to set");
        }
        if (!(optimiser instanceof Chain)) {
            throw new IllegalArgumentException(optimiser.spec() + " derives more than the learning rate from its step"
                    + " (a wrapper or Schedule-Free), so a DL4J ISchedule cannot replace its rate; write the schedule in"
                    + " its spec instead, e.g. lr=cosine(1e-3, steps=10000)");
        }
    }

    private static void requireNoParameters(Optimiser optimiser) {
        if (!optimiser.needsParameters()) {
            return;
        }
        if (optimiser.splitWeightDecay().filter(s -> !s.rest().needsParameters()).isEmpty()) {
            throw new IllegalArgumentException(optimiser.spec() + " reads the parameters beyond a weight-decay term, and a"
                    + " DL4J updater never sees them (a GradientUpdater gets the gradient only); it cannot run in DL4J");
        }
        throw new IllegalArgumentException(optimiser.spec() + " reads the parameters (weight decay), which a"
                + " DL4J updater never sees; configure it with UnigradUpdaters.configure(builder, \"" + optimiser.spec()
                + "\"), which adds the decay as DL4J's WeightDecay(coeff, applyLR=true) when decoupled (adamw, lion)"
                + " or L2Regularization(coeff) when added to the gradient (sgd, adam, ... weightDecay)");
    }

    /** The canonical optimiser spec. */
    public String getSpec() {
        return spec;
    }

    /** The DL4J learning-rate schedule replacing the spec's, or null. */
    public ISchedule getLearningRateSchedule() {
        return learningRateSchedule;
    }

    /** The catalogue optimiser. */
    public Optimiser optimiser() {
        if (optimiser == null) {
            optimiser = Optimisers.parse(spec);
        }
        return optimiser;
    }

    @Override
    public long stateSize(long numParams) {
        return optimiser().slabs() * numParams;
    }

    @Override
    public GradientUpdater instantiate(INDArray viewArray, boolean initializeViewArray) {
        UnigradGradientUpdater u = new UnigradGradientUpdater(this);
        if (viewArray != null) {
            u.setStateViewArray(viewArray, new long[]{viewArray.length() / Math.max(1, optimiser().slabs())}, 'c',
                    initializeViewArray);
        }
        return u;
    }

    @Override
    public GradientUpdater instantiate(Map<String, INDArray> updaterState, boolean initializeStateArrays) {
        UnigradGradientUpdater u = new UnigradGradientUpdater(this);
        u.setState(updaterState, initializeStateArrays);
        return u;
    }

    @Override
    public UnigradUpdater clone() {
        return new UnigradUpdater(optimiser(), learningRateSchedule == null ? null : learningRateSchedule.clone());
    }

    /**
     * The learning rate at DL4J's iteration: the DL4J schedule's (which must be finite and ≥ 0 there) or the
     * optimiser's; NaN when the optimiser has none. A negative (wrapped) iteration is refused, see {@link #stepIndex}.
     */
    @Override
    public double getLearningRate(int iteration, int epoch) {
        long step = stepIndex(iteration);
        if (learningRateSchedule != null) {
            double lr = learningRateSchedule.valueAt(iteration, epoch);
            if (!(lr >= 0 && lr <= Double.MAX_VALUE)) {
                throw new IllegalStateException(this + ": the DL4J learning-rate schedule " + learningRateSchedule
                        + " gives " + lr + " at iteration " + iteration + ", epoch " + epoch + "; a rate must be finite and ≥ 0");
            }
            return lr;
        }
        return hasLearningRate() ? optimiser().learningRate(step) : Double.NaN;
    }

    /**
     * DL4J's iteration as a step index. DL4J keeps the count in an {@code int}, which wraps to a negative
     * number after 2147483647 iterations; the true count is then lost, so a negative iteration is refused
     * with an {@link IllegalStateException} saying so, instead of stepping with a wrong or negative index.
     */
    static long stepIndex(int iteration) {
        if (iteration < 0) {
            throw new IllegalStateException("DL4J iteration " + iteration + " is negative: DL4J counts iterations in an int,"
                    + " which wraps after 2147483647 steps, and the true step index, which bias corrections and schedules"
                    + " need, is then lost");
        }
        return iteration;
    }

    @Override
    public boolean hasLearningRate() {
        return hasLearningRate(optimiser().spec());
    }

    /**
     * Sets a fixed learning rate (the spec is rewritten with {@code lr=<lr>}, replacing a schedule
     * spec too) or, when {@code lrSchedule} is not null, a DL4J schedule that replaces the spec's
     * learning rate at every step.
     */
    @Override
    public void setLrAndSchedule(double lr, ISchedule lrSchedule) {
        Spec s = optimiser().spec();
        if (!hasLearningRate(s)) {
            throw new IllegalStateException(s + " has no learning rate to set");
        }
        if (lrSchedule != null) {
            requireScheduleFits(optimiser());
            learningRateSchedule = lrSchedule;
            return;
        }
        Optimiser rebuilt = Optimisers.build(withLearningRate(s, lr));
        optimiser = rebuilt;
        spec = rebuilt.spec().toString();
        learningRateSchedule = null;
    }

    /** True when the spec, or the spec of the optimiser it wraps ({@code inner=...}), has an {@code lr}. */
    static boolean hasLearningRate(Spec s) {
        if (s.named().containsKey("lr")) {
            return true;
        }
        return s.named().get("inner") instanceof Spec inner && hasLearningRate(inner);
    }

    /** The spec with its (or its wrapped optimiser's) {@code lr} replaced by {@code lr}. */
    static Spec withLearningRate(Spec s, double lr) {
        if (s.named().containsKey("lr")) {
            return s.with("lr", lr);
        }
        return s.with("inner", withLearningRate((Spec) s.named().get("inner"), lr));
    }

    /** Java serialisation (Spark) writes the spec and schedule; reading them back parses the spec again. */
    private Object readResolve() throws ObjectStreamException {
        return new UnigradUpdater(spec, learningRateSchedule);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UnigradUpdater u && u.spec.equals(spec) && Objects.equals(u.learningRateSchedule, learningRateSchedule);
    }

    @Override
    public int hashCode() {
        return Objects.hash(spec, learningRateSchedule);
    }

    @Override
    public String toString() {
        return "UnigradUpdater(" + spec + (learningRateSchedule != null ? ", lr=" + learningRateSchedule : "") + ")";
    }
}
